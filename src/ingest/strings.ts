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

/**
 * A fresh copy of a record's fields, in their order (`omit` left out), with
 * strings of their own: made by a JSON round trip, which builds each object
 * in one go and each string flat. Kept for the whole run, such a record takes
 * a fraction of the memory of one grown field by field or with a field
 * deleted (measured: 250k customers, 539 → 328 MB), and pins no chunk of the
 * file's text.
 */
export function compactCopy<T extends object>(record: T, omit?: keyof T): T {
  const json =
    omit === undefined
      ? JSON.stringify(record)
      : JSON.stringify(record, function (this: unknown, k: string, v: unknown) {
          return this === record && k === omit ? undefined : v; // the record's own field, not a custom field of that name
        });
  return JSON.parse(json) as T;
}
