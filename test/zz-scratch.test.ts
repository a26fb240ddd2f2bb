import { test } from 'vitest';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
test('x', () => {
  let t = performance.now();
  for (let i = 0; i < 100000; i++) isValidPhoneNumber(`(503) 555-${String(i % 10000).padStart(4, '0')}`, 'US');
  console.log('isValid us/call', (performance.now() - t) / 100000 * 1000, 'us');
  t = performance.now();
  for (let i = 0; i < 100000; i++) parsePhoneNumberFromString(`(503) 555-${String(i % 10000).padStart(4, '0')}`, 'US');
  console.log('parse us/call', (performance.now() - t) / 100000 * 1000, 'us');
});
