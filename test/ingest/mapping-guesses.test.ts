/**
 * A bare "Name" column with nothing naming a company is read as a person's
 * name (each row a residential customer): the reader says so, per file, and
 * validate, dedupe and import print it, so a list of businesses under "name"
 * is not matched as people unseen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRecords } from '../../src/ingest/load.js';
import { runCliProcess } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'guesses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileWith = (text: string): string => {
  const file = join(dir, `g${++n}.csv`);
  writeFileSync(file, text);
  return file;
};
const RESTAURANTS =
  "name,address,city\narnie morton's of chicago,435 s. la cienega blv.,los angeles\ncampanile,624 s. la brea ave.,los angeles\n";

describe('what the mapping had to guess', () => {
  it('a bare name column without a company column is named as read as a person', async () => {
    const load = await loadRecords([fileWith(RESTAURANTS)]);
    expect(load.files[0]?.guesses).toEqual([
      expect.stringMatching(/column "name" is read as a person's name .*rename the column "Business Name"/),
    ]);
    expect(load.customers[0]?.customer.business_name).toBeUndefined();
  });

  it('no guess when a column names the company, or the name is a business name', async () => {
    const withCompany = await loadRecords([fileWith('Name,Company,Email\nAnn Lee,Acme Ltd,ann@acme.example\n')]);
    const business = await loadRecords([fileWith('Business Name,Address,City\nCampanile,624 S. La Brea Ave.,Los Angeles\n')]);
    const person = await loadRecords([fileWith('First Name,Last Name,Email\nAnn,Lee,ann@lee.example\n')]);
    expect([withCompany, business, person].map((l) => l.files[0]?.guesses)).toEqual([[], [], []]);
  });

  it('validate, dedupe and import (text and --json) print the guess', async () => {
    const file = fileWith(RESTAURANTS);
    const validate = await runCliProcess(['validate', file, '--rejects', join(dir, 'rejects.csv')], { cwd: dir });
    expect(validate.stdout).toMatch(/Guessed: column "name" is read as a person's name/);
    const dedupe = await runCliProcess(['dedupe', file, '--out', join(dir, 'clusters.csv')], { cwd: dir });
    expect(dedupe.stdout).toMatch(/Guessed: .*g\d+\.csv: column "name" is read as a person's name/);
    const imported = await runCliProcess(['import', file], { cwd: dir });
    expect(imported.stdout).toMatch(/Guessed: .*g\d+\.csv: column "name" is read as a person's name/);
    const json = await runCliProcess(['import', file, '--json'], { cwd: dir });
    expect((JSON.parse(json.stdout) as { guesses: string[] }).guesses).toEqual([
      expect.stringMatching(/column "name" is read as a person's name/),
    ]);
  });
});
