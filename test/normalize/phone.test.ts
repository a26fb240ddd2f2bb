import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneDigitsKey, phoneMatchKey } from '../../src/normalize/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['(212) 555-0199', '+12125550199', '(212) 555-0199', undefined],
    ['212.555.0199 x12', '+12125550199', '(212) 555-0199', '12'],
    ['212-555-0199 ext. 9', '+12125550199', '(212) 555-0199', '9'],
    ['212 555 0199 extension 123', '+12125550199', '(212) 555-0199', '123'],
    ['2125550199 #4', '+12125550199', '(212) 555-0199', '4'],
    ['+1 212 555 0199', '+12125550199', '(212) 555-0199', undefined],
    ['+44 20 7946 0958', '+442079460958', '+44 20 7946 0958', undefined],
    ['0044 20 7946 0958', '+442079460958', '+44 20 7946 0958', undefined],
  ])('%s', (raw, e164, national, ext) => {
    const r = normalizePhone(raw);
    expect(r.e164).toBe(e164);
    expect(r.national).toBe(national);
    expect(r.extension).toBe(ext);
    expect(r.valid).toBe(true);
  });

  it('uses the default country', () => {
    expect(normalizePhone('020 7946 0958', 'GB').e164).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958', 'GB').national).toBe('020 7946 0958');
  });

  it('keeps digits of numbers it cannot parse', () => {
    expect(normalizePhone('call me')).toEqual({ digits: '', valid: false });
    expect(normalizePhone('555-01')).toEqual({ digits: '55501', valid: false });
    expect(normalizePhone('(555) 555-5555 x7')).toEqual({ digits: '5555555555', valid: false, extension: '7' });
  });

  it('never throws; its own outputs parse to the same number (property)', () => {
    const phoneish = fc.stringMatching(/^[+(]?\d{0,3}[ ).-]?\d{3}[ .-]?\d{3,4}[ .-]?\d{0,4}( x\d{1,4})?$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), phoneish), fc.constantFrom('US' as const, 'GB' as const, 'CA' as const), (raw, cc) => {
        const r = normalizePhone(raw, cc);
        expect(r.digits).toMatch(/^\d*$/);
        if (r.e164 === undefined) return;
        expect(normalizePhone(r.e164, cc).e164).toBe(r.e164);
        if (r.national !== undefined) expect(normalizePhone(r.national, cc).e164).toBe(r.e164);
        expect(phoneMatchKey(r.e164, cc)).toBe(phoneMatchKey(raw, cc));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('phoneDigitsKey', () => {
  it('drops extensions and prefixes so formats agree', () => {
    expect(phoneDigitsKey('+1 (212) 555-0199 x12')).toBe('2125550199');
    expect(phoneDigitsKey('212.555.0199 ext. 9')).toBe('2125550199');
    expect(phoneDigitsKey('+44 20 7946 0958')).toBe(phoneDigitsKey('020 7946 0958'));
    expect(phoneDigitsKey('555-01')).toBe('');
  });
  it('is digits only, at most 10, and idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const k = phoneDigitsKey(raw);
        expect(k).toMatch(/^(\d{7,10})?$/);
        expect(phoneDigitsKey(k)).toBe(k);
      }),
    );
  });
});
