import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { clustersCsv, writeClustersCsv, writeClustersXlsx } from '../../src/report/dedupe-clusters.js';
import { DEDUPE_COLUMNS, dedupeRecords } from '../../src/match/dedupe.js';
import type { CustomerRecord } from '../../src/model/records.js';

const customer = (file: string, row: number, c: CustomerRecord['customer'], contacts: CustomerRecord['contacts'] = []): CustomerRecord => ({
  sources: [{ file, row }],
  customer: c,
  contacts,
});

const fileA = [
  customer('a.csv', 2, {
    business_name: 'Acme Widgets Inc',
    email: 'office@acmewidgets.com',
    phone: '(212) 555-0199',
    address: '12 Main Street',
    city: 'Boston',
    zip: '02134',
  }),
  customer('a.csv', 3, {
    business_name: 'Globex Corporation',
    email: 'info@globex.com',
    phone: '617 555 0100',
    address: '1 Globex Way',
    city: 'Cambridge',
  }),
  customer('a.csv', 4, { business_name: '=HYPERLINK("x")', email: 'evil@x.com' }),
];
const fileB = [
  customer('b.xlsx', 7, {
    business_name: 'ACME WIDGETS',
    email: 'office@acmewidgets.com',
    phone: '212.555.0199',
    address: '12 Main St.',
    city: 'Boston',
    zip: '2134',
  }),
  customer('b.xlsx', 9, {
    business_name: 'Initech LLC',
    email: 'hello@initech.com',
    phone: '512 555 0142',
    address: '4120 Freidrich Lane',
    city: 'Austin',
  }),
  customer('b.xlsx', 10, { business_name: '=HYPERLINK("x")', email: 'evil@x.com', phone: '1 555 555 5555' }),
];
// Filler so the model has non-matches to learn from.
const filler = Array.from({ length: 120 }, (_, i) =>
  customer('c.csv', i + 2, {
    business_name: `Company ${String.fromCharCode(65 + (i % 26))}${i} Holdings`,
    email: `x${i}@co${i}.com`,
    phone: `303 555 ${String(1000 + i)}`,
    city: `Town${i % 7}`,
  }),
);

describe('dedupeRecords', () => {
  const { rows, result } = dedupeRecords([...fileA, ...fileB, ...filler], { entity: 'customers' });

  it('returns one row per record in a cluster of two or more, best record first', () => {
    const acme = rows.filter((r) => r.name.toLowerCase().includes('acme'));
    expect(acme.map((r) => `${r.source_file}:${r.source_row}`).sort()).toEqual(['a.csv:2', 'b.xlsx:7']);
    expect(new Set(acme.map((r) => r.cluster_id)).size).toBe(1);
    const byCluster = new Map<string, typeof rows>();
    for (const r of rows) byCluster.set(r.cluster_id, [...(byCluster.get(r.cluster_id) ?? []), r]);
    for (const members of byCluster.values()) {
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members[0]!.role).toBe('best');
      expect(members[0]!.score).toBeUndefined();
      for (const m of members.slice(1)) {
        expect(typeof m.score).toBe('number');
        expect(m.explanation).toMatch(/= -?\d/);
      }
    }
    expect(rows.some((r) => r.name.startsWith('Globex'))).toBe(false);
    expect(result.clusters.length).toBe(byCluster.size);
  });

  it('clusters contacts listed under customers too', () => {
    const withContacts = [
      customer('a.csv', 2, { business_name: 'Acme' }, [
        { sources: [{ file: 'a.csv', row: 2 }], contact: { name: 'Jane Doe', email: 'jane@acme.com' } },
      ]),
      customer('b.csv', 5, { business_name: 'Acme Inc' }, [
        { sources: [{ file: 'b.csv', row: 5 }], contact: { name: 'JANE DOE', email: 'Jane@Acme.com' } },
      ]),
      ...filler.map((c, i) => ({
        ...c,
        contacts: [{ sources: c.sources, contact: { name: `Person ${i} Q${i}`, email: `p${i}@co${i}.com` } }],
      })),
    ];
    const out = dedupeRecords(withContacts, { entity: 'contacts' });
    expect(
      out.rows
        .filter((r) => r.name.toLowerCase() === 'jane doe')
        .map((r) => r.source_file)
        .sort(),
    ).toEqual(['a.csv', 'b.csv']);
  });

  describe('writers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusters-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('write clusters.csv with a header and neutralised formulas', async () => {
      const path = join(dir, 'clusters.csv');
      await writeClustersCsv(rows, path);
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(clustersCsv(rows));
      const lines = text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(DEDUPE_COLUMNS.join(','));
      expect(lines).toHaveLength(rows.length + 1);
      expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    });

    it('write clusters.xlsx that reads back row for row', async () => {
      const path = join(dir, 'clusters.xlsx');
      await writeClustersXlsx(rows, path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const sheet = wb.getWorksheet('clusters')!;
      expect(sheet.rowCount).toBe(rows.length + 1);
      expect(sheet.getRow(1).getCell(1).value).toBe('cluster_id');
      expect(sheet.getRow(2).getCell(1).value).toBe(rows[0]!.cluster_id);
      expect(sheet.getRow(2).getCell(4).value).toBe(rows[0]!.source_row);
      const names = sheet.getColumn(5).values.slice(2).map(String);
      expect(names.every((n) => !n.startsWith('='))).toBe(true);
      expect(names).toContain(`'=HYPERLINK("x")`);
    });
  });
});
