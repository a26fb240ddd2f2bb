/**
 * Email cells as people type them: "mailto:A@B.com", "Jane <jane@x.com>",
 * "a@x.com; b@y.com". The first address is the value; the others are kept
 * in `extra` so callers can carry them into notes.
 */

/** Result of {@link normalizeEmail}. `email` is undefined when the cell holds no address. */
export interface NormalizedEmail {
  email: string | undefined;
  extra: string[];
  valid: boolean;
}

// Pragmatic shape check: local@domain.tld with no spaces, one @, a dot in the domain.
const EMAIL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Lowercase, strip `mailto:`, brackets and quotes from one candidate token. */
function cleanOne(token: string): string {
  let t = token.trim().toLowerCase();
  for (let prev = ''; prev !== t;) {
    prev = t;
    t = t
      .replace(/^mailto:/, '')
      .replace(/^[<("'[]+/, '')
      .replace(/[>)"'\].,;:]+$/, '')
      .trim();
  }
  return t;
}

/** True when `email` (already lowercase) looks like a deliverable address. */
export function isValidEmail(email: string): boolean {
  if (email.length > 254 || !EMAIL_RE.test(email)) return false;
  const local = email.slice(0, email.indexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/**
 * Normalize one email cell.
 * @example normalizeEmail('Jane Doe <Jane@X.com>; b@y.com') // { email: 'jane@x.com', extra: ['b@y.com'], valid: true }
 */
export function normalizeEmail(raw: string): NormalizedEmail {
  // Most cells, and every address the validator already normalised, are one plain lowercase address:
  // what the general path below would return for them, without its splitting and cleaning
  // (a million-row import asks this of every contact several times). A leading quote is one the cleaning strips.
  if (typeof raw === 'string' && EMAIL_RE.test(raw) && raw.charCodeAt(0) !== 39) return { email: raw, extra: [], valid: isValidEmail(raw) };
  return normalizeEmailCell(raw);
}

/** `normalizeEmail` by the general path alone: any cell, however it is written. */
export function normalizeEmailCell(raw: string): NormalizedEmail {
  const text = String(raw ?? '').replace(/[\u00a0\u200b\ufeff]/g, ' ');
  // "Name <a@b>": keep what sits inside the brackets; the name part has no @ and drops out below.
  const pieces = text.replace(/<([^<>]*)>/g, ' $1 ').split(/[,;\s]+/);
  const addresses: string[] = [];
  for (const piece of pieces) {
    const c = cleanOne(piece);
    if (c.includes('@') && !addresses.includes(c)) addresses.push(c);
  }
  if (addresses.length === 0) {
    const c = cleanOne(text);
    return c === '' ? { email: undefined, extra: [], valid: false } : { email: c, extra: [], valid: false };
  }
  const [first, ...extra] = addresses as [string, ...string[]];
  return { email: first, extra, valid: isValidEmail(first) };
}

/** Domain part of an address, lowercase, or '' when there is none. */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Local part of an address (before the last @), lowercase. */
export function emailLocal(email: string): string {
  const at = email.lastIndexOf('@');
  return (at < 0 ? email : email.slice(0, at)).trim().toLowerCase();
}

const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.fr',
  'hotmail.de',
  'live.com',
  'live.co.uk',
  'live.ca',
  'msn.com',
  'passport.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.ca',
  'yahoo.fr',
  'yahoo.de',
  'yahoo.com.au',
  'ymail.com',
  'rocketmail.com',
  'aol.com',
  'aim.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'gmx.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'email.com',
  'zoho.com',
  'zohomail.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'charter.net',
  'cox.net',
  'earthlink.net',
  'optonline.net',
  'frontier.com',
  'windstream.net',
  'roadrunner.com',
  'rr.com',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bell.net',
  'videotron.ca',
  'telus.net',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'ntlworld.com',
  'bigpond.com',
  'bigpond.net.au',
  'optusnet.com.au',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'hey.com',
  'fastmail.com',
  'tutanota.com',
  'tuta.io',
  'outlook.fr',
  'outlook.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  't-online.de',
  'libero.it',
  'hushmail.com',
  'inbox.com',
  'juno.com',
  'netzero.net',
]);
// Providers that own many country variants: yahoo.xx, hotmail.xx, outlook.xx, live.xx, gmx.xx.
const FREE_MAIL_FAMILY = /^(?:yahoo|hotmail|outlook|live|gmx|yandex|aol|msn|googlemail|gmail)\.[a-z.]{2,6}$/;

/**
 * True for public mailbox providers: sharing such a domain says nothing about
 * sharing a company.
 * @example isFreeMailDomain('GMAIL.com') // true
 */
export function isFreeMailDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/^@/, '');
  return FREE_MAIL.has(d) || FREE_MAIL_FAMILY.test(d);
}
