/** Excel number formats rendered as Excel shows them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGeneral, formatNumber } from '../../src/read/index.js';
import { isDateFormat, serialToIso } from '../../src/read/xlsx-format.js';

describe('formatNumber', () => {
  it.each([
    [2134, '00000', '02134'],
    [21341234, '00000-0000', '02134-1234'],
    [123456789, '000-00-0000', '123-45-6789'],
    [5551234567, '(###) ###-####', '(555) 123-4567'],
    [5551234567, '[<=9999999]###-####;(###) ###-####', '(555) 123-4567'],
    [5551234, '[<=9999999]###-####;(###) ###-####', '555-1234'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [0.0825, '0.00%', '8.25%'],
    [42, '0', '42'],
    [-42, '0', '-42'],
    [-42, '0;(0)', '(42)'],
    [3.5, '"$"#,##0.00', '$3.50'],
    [7, '"Ext. "0', 'Ext. 7'],
    [15551234567, 'General', '15551234567'],
    [15551234567, '0.00E+00', '15551234567'],
    [1.5, '# ?/?', '1.5'],
  ])('%d with %j → %j', (n, fmt, shown) => {
    expect(formatNumber(n, fmt)).toBe(shown);
  });

  it('General never writes an exponent for an integer, and keeps 15 significant digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(formatGeneral(n)).toBe(String(n));
      }),
    );
    expect(formatGeneral(1e21)).toBe('1000000000000000000000');
    expect(formatGeneral(0.1 + 0.2)).toBe('0.3');
    expect(formatGeneral(1e-7)).toBe('0.0000001');
  });

  it('zero-padded formats keep every leading zero of any zip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), (zip) => {
        expect(formatNumber(zip, '00000')).toBe(String(zip).padStart(5, '0'));
      }),
    );
  });

  it('dates: formats are recognised and serials become ISO dates', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('m/d/yy h:mm')).toBe(true);
    expect(isDateFormat('[<=9999999]###-####;(###) ###-####')).toBe(false);
    expect(isDateFormat('"Days" 0')).toBe(false);
    expect(serialToIso(45356)).toBe('2024-03-05');
    expect(serialToIso(45356.5)).toBe('2024-03-05T12:00:00');
    expect(serialToIso(43894, true)).toBe('2024-03-05');
  });
});
