/**
 * What `import` plans into an empty account from labelled files nobody tuned
 * the planner on (bench/import-command.ts): creates, rows of two entities
 * folded into one, duplicates created with nobody shown, creates held as
 * alike. Each set with the in-file check (as the CLI plans) and without it
 * (exact evidence only: the planner before the check), the baseline.
 *   npm run bench -- planning-accuracy
 */
import { matcherInFile } from '../src/plan/matcher-linker.js';
import { measureContactImport, measureImport, printImportAccuracy } from './import-command.js';
import type { ImportAccuracy } from './import-command.js';
import { febrlSet, mspSet, restaurantsSet } from './matcher-command.js';
import { MEASUREMENT_SEEDS } from '../test/helpers/msp-data.js';

export default async function importAccuracyBench(): Promise<void> {
  const sets = [
    restaurantsSet(),
    febrlSet('febrl3.csv'),
    febrlSet('febrl4a.csv'),
    ...MEASUREMENT_SEEDS.slice(0, 1).map((s) => mspSet(s, 'customers', 1300)),
  ];
  for (const [title, inFile] of [
    ['with the in-file check (as planned by the CLI)', matcherInFile()],
    ['baseline: exact evidence only within the file', null],
  ] as const) {
    const out: ImportAccuracy[] = [];
    for (const s of sets) out.push(await measureImport(s, inFile));
    console.log(`\n${title}`);
    printImportAccuracy(out);
  }
  console.log(
    '\ncontacts of MSP-shaped files (measurement seeds, 1 300 customers): people, creates, creates of two people, duplicates created unseen, held (right)',
  );
  for (const seed of MEASUREMENT_SEEDS) {
    const r = await measureContactImport(mspSet(seed, 'contacts', 1300));
    console.log([r.set, r.contacts, r.creates, r.wrongFolds, r.duplicates, `${r.held} (${r.heldRight})`].join('\t'));
  }
}
