/**
 * A set of strings that costs little while it holds few: a company profile
 * has ten sets, most with zero or one value, and a million-row import holds a
 * profile per company (a `Set` costs some 150 bytes even empty). Up to
 * `SMALL` values live in an array, more in a real Set.
 */
const SMALL = 8;

export class SmallSet implements Iterable<string> {
  private items: string[] | Set<string> | undefined;

  get size(): number {
    return this.items === undefined ? 0 : Array.isArray(this.items) ? this.items.length : this.items.size;
  }

  has(value: string): boolean {
    if (this.items === undefined) return false;
    return Array.isArray(this.items) ? this.items.includes(value) : this.items.has(value);
  }

  add(value: string): this {
    if (this.items === undefined) this.items = [value];
    else if (!Array.isArray(this.items)) this.items.add(value);
    else if (!this.items.includes(value)) {
      if (this.items.length < SMALL) this.items.push(value);
      else this.items = new Set([...this.items, value]);
    }
    return this;
  }

  [Symbol.iterator](): Iterator<string> {
    return (this.items ?? [])[Symbol.iterator]();
  }
}
