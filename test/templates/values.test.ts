/** Value rules: protective apostrophe, booleans, customer types, custom-field cells, tax rates. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src/ingest/rejects.js';
import { loadTaxRates, taxRateTable } from '../../src/templates/tax-rates.js';
import { canonicalCustomerType, parseBoolean, parseCustomFields, stripProtectiveApostrophe } from '../../src/templates/values.js';
import { tempDir } from '../read/helpers.js';

/** What our own export does to a cell Excel could run as a formula. */
const protect = (v: string): string => (/^[=+\-@\t\r\n]/.test(v) ? `'${v}` : v);

describe('protective apostrophe', () => {
  it('round-trips every value our export protects (property)', () => {
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n'), fc.string()), ([lead, rest]) => {
        const v = lead + rest;
        expect(stripProtectiveApostrophe(protect(v))).toBe(v);
      }),
    );
  });

  it('leaves every other value alone, and strips a text-marker before digits', () => {
    fc.assert(
      fc.property(fc.string(), (v) => {
        fc.pre(!v.startsWith("'"));
        expect(stripProtectiveApostrophe(v)).toBe(v);
      }),
    );
    expect(stripProtectiveApostrophe("'00123")).toBe('00123');
    expect(stripProtectiveApostrophe("'Tis the season")).toBe("'Tis the season");
    expect(stripProtectiveApostrophe("'12 Main St")).toBe("'12 Main St");
    expect(stripProtectiveApostrophe("'")).toBe("'");
  });

  it('the rejects file protects the same cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('plain')).toBe('plain');
  });
});

describe('value words', () => {
  it.each([
    ['Yes', true], ['no', false], ['TRUE', true], ['False', false], ['Y', true], ['n', false], ['1', true], ['0', false], ['x', true], ['', undefined], ['maybe', undefined],
  ])('parseBoolean(%j) = %j', (v, b) => expect(parseBoolean(v)).toBe(b));

  it.each([
    ['Business', 'Business'], ['commercial', 'Business'], ['Residential', 'Residential'], ['Home', 'Residential'], ['Government', 'Government'], ['gov', 'Government'],
    ['Non-Profit', 'Non-Profit'], ['non profit', 'Non-Profit'], ['NPO', 'Non-Profit'], ['Vendor', undefined],
  ])('canonicalCustomerType(%j) = %j', (v, t) => expect(canonicalCustomerType(v)).toBe(t));

  it('custom-field cells: JSON or "Name: value" pairs, else undefined', () => {
    expect(parseCustomFields('{"Contract":"Gold","Seats":12,"Empty":""}')).toEqual({ Contract: 'Gold', Seats: '12' });
    expect(parseCustomFields('Contract: Gold; Tier: 2')).toEqual({ Contract: 'Gold', Tier: '2' });
    expect(parseCustomFields('Contract=Gold\nTier=2')).toEqual({ Contract: 'Gold', Tier: '2' });
    expect(parseCustomFields('just some text')).toBeUndefined();
    expect(parseCustomFields('[1,2]')).toBeUndefined();
    expect(parseCustomFields('')).toEqual({});
  });
});

describe('tax-rate table', () => {
  const table = taxRateTable([{ id: 3, name: 'Texas', rate: 8.25 }, { id: 5, name: 'Exempt', rate: 0 }, { id: 7, rate: 7 }]);

  it('finds a rate by name (any case) or by percentage, as a fraction only when nothing matches as a percentage', () => {
    expect(table.lookup('texas')).toBe(3);
    expect(table.lookup('8.25%')).toBe(3);
    expect(table.lookup('8.25')).toBe(3);
    expect(table.lookup('0.0825')).toBe(3);
    expect(table.lookup('8,25 %')).toBe(3);
    expect(table.lookup('0%')).toBe(5);
    expect(table.lookup('7')).toBe(7);
    expect(table.lookup('8.3%')).toBeUndefined();
    expect(table.lookup('Ohio')).toBeUndefined();
  });

  it('reads CSV and JSON files and refuses bad ones', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.csv'), '\ufeffid,name,rate\n3,Texas,8.25%\n5,Exempt,0\n');
    expect((await loadTaxRates(join(dir, 'r.csv'))).lookup('8.25%')).toBe(3);
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ Texas: 3, '7%': 9 }));
    const j = await loadTaxRates(join(dir, 'r.json'));
    expect([j.lookup('TEXAS'), j.lookup('7')]).toEqual([3, 9]);
    writeFileSync(join(dir, 'bad.csv'), 'id,name\nx,Texas\n');
    await expect(loadTaxRates(join(dir, 'bad.csv'))).rejects.toThrow(/row 2: "id" must be a Syncro tax_rate_id/);
    await expect(loadTaxRates(join(dir, 'missing.csv'))).rejects.toThrow(/cannot be read/);
  });
});
