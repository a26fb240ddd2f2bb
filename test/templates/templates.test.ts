/** Built-in templates: valid, documented, and each recognising its own sample export. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEtlError } from '../../src/errors.js';
import { openMappedFile } from '../../src/ingest/stream.js';
import { openTable } from '../../src/read/index.js';
import { headerKey } from '../../src/read/header.js';
import { compileTemplate } from '../../src/templates/compile.js';
import { detectTemplate, rankTemplates } from '../../src/templates/detect.js';
import { builtinTemplates, loadTemplate, parseTemplate } from '../../src/templates/registry.js';
import { tempDir } from '../read/helpers.js';

const FIXTURES: Array<[template: string, file: string, minConfidence: number]> = [
  ['syncro', 'fixtures/syncro/customers.csv', 0.95],
  ['syncro-contacts', 'fixtures/syncro/contacts.csv', 0.95],
  ['connectwise-manage', 'fixtures/connectwise-manage/companies-contacts.csv', 0.95],
  ['autotask', 'fixtures/autotask/contacts.csv', 0.95],
  ['halopsa', 'fixtures/halopsa/users.csv', 0.95],
  ['atera', 'fixtures/atera/contacts.csv', 0.95],
  ['generic', 'fixtures/generic/client-list.csv', 0.7],
];

describe('built-in templates', () => {
  it('every file in templates/ is a valid template with a unique name matching its file name', () => {
    const files = readdirSync('templates').filter((f) => f.endsWith('.json'));
    const names = files.map((f) => parseTemplate(readFileSync(join('templates', f), 'utf8'), f).name);
    expect(names.sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    expect(builtinTemplates().map((t) => t.name).sort()).toEqual(names.sort());
    expect(builtinTemplates().at(-1)?.name).toBe('generic');
  });

  it('the README documents every built-in template', () => {
    const readme = readFileSync('templates/README.md', 'utf8');
    for (const t of builtinTemplates()) expect(readme).toContain(`\`${t.name}\``);
  });

  it.each(FIXTURES)('%s recognises its sample export %s', async (name, file, min) => {
    const table = await openTable(file);
    const best = detectTemplate(builtinTemplates(), table.headers, file);
    expect(best.name).toBe(name);
    expect(best.confidence).toBeGreaterThanOrEqual(min);
    const ranked = rankTemplates(builtinTemplates(), table.headers);
    expect(ranked[1]?.confidence ?? 0).toBeLessThan(best.confidence);
    // Every column of the sample is read or deliberately ignored, except the generic sample's odd one.
    const compiled = compileTemplate(best.template, table.headers);
    expect(compiled.unmapped).toEqual(name === 'generic' ? ['Favorite Snack'] : []);
  });

  it('header matching ignores case, spaces and punctuation (property)', () => {
    const t = loadTemplate('generic');
    const variants = (h: string) =>
      fc.tuple(fc.boolean(), fc.constantFrom('', ' ', '_', '-', '.'), fc.constantFrom('', ' ', '  ')).map(([upper, sep, pad]) => `${pad}${(upper ? h.toUpperCase() : h.toLowerCase()).replace(/ /g, sep)}${pad}`);
    fc.assert(
      fc.property(fc.constantFrom('Email Address', 'Zip Code', 'Mobile Phone', 'Company Name', 'Postcode', 'Organization').chain(variants), (h) => {
        expect(compileTemplate(t, [h, 'Contact Name']).mapped).toContain(h);
      }),
    );
    expect(headerKey(' E-Mail_Address ')).toBe(headerKey('email address'));
  });

  it('generic recognises the common spellings', () => {
    const t = loadTemplate('generic');
    const c = compileTemplate(t, ['E-mail', 'Organization', 'Zip Code', 'Mobile Phone', 'Postcode', 'Company']);
    const target = (col: string) => [...c.customer, ...c.contact].find((r) => r.columns.includes(col))?.target;
    expect(target('E-mail')).toBe('email');
    expect(target('Company')).toBe('business_name'); // listed before Organization: the first present alternative wins
    expect(target('Zip Code')).toBe('zip');
    expect(target('Mobile Phone')).toBe('mobile');
    expect(c.unmapped).toEqual(['Organization', 'Postcode']); // second spellings are kept, never dropped
  });

  it('a header no template knows is TEMPLATE_UNDETECTED, naming the columns and what to do', () => {
    const err = (() => {
      try {
        detectTemplate(builtinTemplates(), ['Widget', 'Sprocket'], 'x.csv');
      } catch (e) {
        return e;
      }
    })();
    expect(isEtlError(err, 'TEMPLATE_UNDETECTED')).toBe(true);
    expect((err as Error).message).toMatch(/Widget, Sprocket.*--template/);
  });

  it('a workbook whose first sheet is not the data names its other sheets and --sheet', async () => {
    const file = join(tempDir(), 'cover.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Read me').addRow(['Exported 2026-12-01']);
    const data = wb.addWorksheet('Clients');
    data.addRow(['Company', 'Contact Name', 'Email']);
    data.addRow(['Delta Dental', 'Al Ng', 'al@deltadental.example']);
    await wb.xlsx.writeFile(file);
    const err = await openMappedFile(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isEtlError(err, 'TEMPLATE_UNDETECTED')).toBe(true);
    expect((err as Error).message).toMatch(/also has the sheet\(s\) "Clients": pass --sheet NAME/);
    const ok = await openMappedFile(file, { sheet: 'Clients' });
    expect(ok.template.name).toBe('generic');
  });
});

describe('loading templates', () => {
  it('an unknown name lists the built-in ones', () => {
    const err = (() => {
      try {
        loadTemplate('kaseya');
      } catch (e) {
        return e;
      }
    })();
    expect(isEtlError(err, 'TEMPLATE_NOT_FOUND')).toBe(true);
    expect((err as Error).message).toContain('autotask, connectwise-manage');
  });

  it('a template file is loaded by path and checked, with the field at fault named', () => {
    const dir = tempDir();
    const good = join(dir, 'mine.json');
    writeFileSync(good, JSON.stringify({ format: 'syncro-etl/template@1', name: 'mine', label: 'Mine', description: 'd', entity: 'customers', detect: ['Org'], customer: { business_name: 'Org' } }));
    expect(loadTemplate(good).name).toBe('mine');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'syncro-etl/template@1', name: 'bad', label: 'B', description: 'd', entity: 'customers', detect: [], customer: { buisness_name: 'Org' } }));
    expect(() => loadTemplate(bad)).toThrow(/customer\.buisness_name: is not a customer field/);
    writeFileSync(bad, '{ not json');
    expect(() => loadTemplate(bad)).toThrow(/not valid JSON/);
    writeFileSync(bad, JSON.stringify({ format: 'syncro-etl/template@2' }));
    expect(() => loadTemplate(bad)).toThrow(/format/);
  });
});
