/**
 * Which customer and contact ids this client has read, and when (a counter
 * of reads, not a clock): a record read before a create started existed
 * before it, so it can never be the record that create made.
 */
type Logged = 'customers' | 'contacts';

export class ReadLog {
  /** Reads so far; a create notes it when it starts. */
  seq = 0;
  private readonly firstRead: Record<Logged, Map<number, number>> = { customers: new Map(), contacts: new Map() };
  private readonly highest: Record<Logged, number> = { customers: 0, contacts: 0 };

  note(resource: Logged, records: Iterable<{ id: number }>): void {
    const seq = ++this.seq;
    const seen = this.firstRead[resource];
    for (const r of records) {
      if (!seen.has(r.id)) seen.set(r.id, seq);
      if (r.id > this.highest[resource]) this.highest[resource] = r.id;
    }
  }

  /** True when the id was first read before `seq`. */
  readBefore(resource: Logged, id: number, seq: number): boolean {
    const first = this.firstRead[resource].get(id);
    return first !== undefined && first <= seq;
  }

  /** The highest id read so far (0 when none); read it when a create starts. */
  maxId(resource: Logged): number {
    return this.highest[resource];
  }
}
