/**
 * Notes on an existing record are never replaced: an import under
 * `--update overwrite` (the default) keeps what Syncro holds and adds the
 * file's lines it lacks; lines already there are no change at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFields } from '../../src/plan/diff.js';

const overwrite = { blank: 'skip', update: 'overwrite' } as const;
const notesAfter = (cur: string | null, inc: string | undefined) => diffFields(['notes'], { notes: inc }, { notes: cur }, overwrite);

describe('notes on an existing record', () => {
  it("keeps Syncro's text and adds the file's new lines under it", () => {
    const d = notesAfter('Gate code 4411\nCall before 9', 'Website: acme.example\nCall before 9');
    expect(d.payload).toEqual({ notes: 'Gate code 4411\nCall before 9\nWebsite: acme.example' });
    expect(d.changes).toEqual([
      { field: 'notes', before: 'Gate code 4411\nCall before 9', after: 'Gate code 4411\nCall before 9\nWebsite: acme.example' },
    ]);
  });

  it('lines Syncro already holds (spacing and case aside) are no change: no write', () => {
    expect(notesAfter('Gate code 4411\nCall before 9', '  call BEFORE 9 ').changes).toEqual([]);
  });

  it("empty Syncro notes take the file's; --blank clear still empties them", () => {
    expect(notesAfter(null, 'Website: acme.example').payload).toEqual({ notes: 'Website: acme.example' });
    expect(diffFields(['notes'], { notes: '' }, { notes: 'Old' }, { blank: 'clear', update: 'overwrite' }).payload).toEqual({ notes: '' });
  });

  it('property: what is written starts with every character Syncro held and holds every line of the file', () => {
    const line = fc.stringMatching(/^[A-Za-z0-9 :.]{1,12}$/);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), fc.array(line, { minLength: 1, maxLength: 4 }), (cur, inc) => {
        const current = cur.join('\n');
        if (!current.trim()) return;
        const d = notesAfter(current, inc.join('\n'));
        const after = String(d.payload.notes ?? current);
        expect(after.startsWith(current.trimEnd())).toBe(true);
        const norm = (l: string) => l.trim().replace(/\s+/g, ' ').toLowerCase();
        const held = new Set(after.split('\n').map(norm));
        for (const l of inc) if (norm(l)) expect(held.has(norm(l))).toBe(true);
      }),
    );
  });
});
