/**
 * A copy of `s` that shares no storage with the text it was cut from. V8
 * keeps a substring of 13 characters or more as a view of its parent, here
 * the decoded chunk of the file it was read from: anything kept for long
 * (a memo entry) holding such a view keeps the whole chunk alive. A
 * concatenation is flattened into fresh storage when sliced, which gives the
 * copy; the value is unchanged.
 * @example ownCopy(cells[3]) === cells[3] // true, but no longer pins the chunk
 */
export const ownCopy = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));
