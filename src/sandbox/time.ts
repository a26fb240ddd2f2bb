/**
 * Timestamps as Syncro writes them: ISO-8601 with milliseconds and the
 * account's UTC offset, e.g. `2024-03-05T15:14:24.066+02:00`.
 */
import { SyncroEtlError } from '../errors.js';

const OFFSET_RE = /^([+-])(\d{2}):(\d{2})$/;

/**
 * Minutes east of UTC for an offset such as '+02:00' or '-05:30'.
 * Throws CONFIG_INVALID for anything else.
 * @example parseUtcOffset('-05:30') // -330
 */
export function parseUtcOffset(offset: string): number {
  const m = OFFSET_RE.exec(offset);
  if (!m)
    throw new SyncroEtlError('CONFIG_INVALID', `UTC offset "${offset}" is not of the form +HH:MM; use e.g. +00:00 or -05:00.`, {
      value: offset,
    });
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 14 || Number(m[3]) > 59) {
    throw new SyncroEtlError('CONFIG_INVALID', `UTC offset "${offset}" is out of range (-14:00..+14:00).`, { value: offset });
  }
  return m[1] === '-' ? -minutes : minutes;
}

/** Turns epoch milliseconds into a Syncro timestamp string. */
export type FormatTime = (ms: number) => string;

/**
 * A formatter for one offset (validated once, here).
 * @example timestampFormatter('+02:00')(0) // '1970-01-01T02:00:00.000+02:00'
 */
export function timestampFormatter(offset: string): FormatTime {
  const shiftMs = parseUtcOffset(offset) * 60_000;
  return (ms) => `${new Date(ms + shiftMs).toISOString().slice(0, 23)}${offset}`;
}

/** Epoch ms of an ISO-8601 string, or undefined when it does not parse. */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
