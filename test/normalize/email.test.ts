import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailDomain, isFreeMailDomain, normalizeEmail, normalizeEmailCell } from '../../src/normalize/email.js';

describe('normalizeEmail', () => {
  it.each([
    ['  Jane@Example.COM ', 'jane@example.com', []],
    ['mailto:Bob@X.org', 'bob@x.org', []],
    ['Jane Doe <jane@x.com>', 'jane@x.com', []],
    ['"Jane" <jane@x.com>; b@y.com', 'jane@x.com', ['b@y.com']],
    ['a@b.com, c@d.com e@f.com', 'a@b.com', ['c@d.com', 'e@f.com']],
    ['a@b.com; a@b.com', 'a@b.com', []],
  ])('%j → %s', (raw, email, extra) => {
    const r = normalizeEmail(raw);
    expect(r.email).toBe(email);
    expect(r.extra).toEqual(extra);
    expect(r.valid).toBe(true);
  });

  it('drops quote marks around an address (Excel text prefix)', () => {
    expect(normalizeEmail("'jane@x.com").email).toBe('jane@x.com');
  });

  it('marks junk as invalid and empty as undefined', () => {
    expect(normalizeEmail('n/a')).toEqual({ email: 'n/a', extra: [], valid: false });
    expect(normalizeEmail('   ')).toEqual({ email: undefined, extra: [], valid: false });
    expect(normalizeEmail('a@b').valid).toBe(false);
    expect(normalizeEmail('a..b@x.com').valid).toBe(false);
  });

  it('is idempotent and never throws (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), fc.string({ unit: 'binary' })), (raw) => {
        const r = normalizeEmail(raw);
        if (r.email === undefined) return;
        const again = normalizeEmail(r.email);
        expect(again.email).toBe(r.email);
        expect(again.valid).toBe(r.valid);
        expect(r.email).toBe(r.email.toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every generated address, first one as the value (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.emailAddress().filter((e) => !/^[<("'[]/.test(e)),
          { minLength: 1, maxLength: 4 },
        ),
        fc.constantFrom(', ', ';', ' ', ' ; '),
        (emails, sep) => {
          const r = normalizeEmail(emails.map((e) => e.toUpperCase()).join(sep));
          const want = [...new Set(emails.map((e) => e.toLowerCase()))];
          expect([r.email, ...r.extra]).toEqual(want);
        },
      ),
    );
  });
});

describe('normalizeEmail on a plain address', () => {
  it('answers exactly as the general path does, for any cell (the shortcut only skips work)', () => {
    const emailish = fc.string({ unit: fc.constantFrom(...'aZ09.-_+\'"@<>;, \u00a0:mailto()[]!#'.split('')), maxLength: 24 });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.emailAddress(),
          emailish,
          fc.emailAddress().map((e) => `'${e}`),
          fc.string(),
        ),
        (raw) => {
          expect(normalizeEmail(raw)).toEqual(normalizeEmailCell(raw));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('email domains', () => {
  it('extracts the domain', () => {
    expect(emailDomain('a@Sub.Example.com')).toBe('sub.example.com');
    expect(emailDomain('nope')).toBe('');
  });
  it('knows free-mail providers and not company domains', () => {
    for (const d of [
      'gmail.com',
      'GoogleMail.com',
      'outlook.com',
      'hotmail.co.uk',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'protonmail.com',
      'gmx.de',
      'web.de',
      'comcast.net',
      'mail.com',
      'yandex.ru',
    ])
      expect(isFreeMailDomain(d), d).toBe(true);
    for (const d of ['acme.com', 'gmail.acme.com', 'syncromsp.com', 'example.org']) expect(isFreeMailDomain(d), d).toBe(false);
  });
});
