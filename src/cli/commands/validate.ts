/**
 * `syncro-etl validate FILE...`: read, map and validate without touching
 * Syncro. Prints the template used, the counts and the first problems, and
 * writes the rejects file. Exits 0 when the files could be read (rejected
 * rows are data, listed in the rejects file); a file that cannot be read at
 * all is a SyncroEtlError (exit 4).
 */
import type { ValidateFilesResult } from '../../app/validate-files.js';
import type { RowIssue } from '../../model/source.js';
import { loadOptionsFrom, withReadOptions } from '../read-options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const validateCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'validate <files..>',
    describe: 'Read, map and check input files (no Syncro access); write the rejected rows to a CSV',
    builder: (y) =>
      withReadOptions(y)
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'CSV or XLSX files' })
        .option('rejects', {
          type: 'string',
          describe:
            'Where to write the rejected rows (CSV; default: <first file>.rejects.csv beside it). Never an input; an existing file only with --force',
        })
        .option('force', { type: 'boolean', default: false, describe: 'Replace the --rejects file if it exists (never an input)' })
        .option('show', { type: 'number', default: 20, describe: 'How many problems to print' }),
    handler: async (args) => {
      const { validateFiles } = await import('../../app/validate-files.js');
      const { load: result, rejectsFile: rejects } = await validateFiles({
        files: args.files,
        read: loadOptionsFrom(args),
        ...(args.rejects ? { rejects: args.rejects } : {}),
        overwrite: args.force,
        optionNames: { rejects: '--rejects', overwrite: '--force' },
      });
      io.out(args.json ? JSON.stringify(validationJson(result, rejects), null, 2) : renderValidation(result, rejects, args.show));
      outcome.exitCode = 0;
    },
  });

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const short = (v: string | undefined, n = 60): string => (v === undefined ? '' : v.length > n ? `${v.slice(0, n - 1)}…` : v);

function problemLine(i: RowIssue): string {
  const where = [i.source.file, i.source.sheet !== undefined ? `sheet ${i.source.sheet}` : '', `row ${i.source.row}`]
    .filter(Boolean)
    .join(', ');
  const field = i.field ? `${i.field}${i.value !== undefined ? ` = "${short(i.value)}"` : ''}: ` : '';
  return `  ${i.severity === 'error' ? 'rejected' : 'warning '}  ${where}  ${field}${i.message} [${i.code}]`;
}

/** The human summary of a validation run. */
export function renderValidation(r: ValidateFilesResult['load'], rejectsPath: string, show: number): string {
  const lines: string[] = [];
  for (const f of r.files) {
    const how = f.format === 'csv' ? `CSV, ${f.encoding}, delimiter ${JSON.stringify(f.delimiter)}` : `XLSX, sheet "${f.sheet}"`;
    lines.push(
      `${f.file}: template ${f.template.name} (${f.template.detected ? `detected, confidence ${pct(f.template.confidence)}` : 'chosen with --template'}); ${how}; header on row ${f.headerRow}`,
    );
    if (f.template.detected && f.template.confidence < 0.6)
      lines.push(`  Low confidence: check the mapping below, or pass --template NAME (see 'syncro-etl templates').`);
    if (f.ignored.length > 0) lines.push(`  Ignored by the template: ${f.ignored.join(', ')}`);
    for (const g of f.guesses) lines.push(`  Guessed: ${g}.`);
  }
  const { customers, contacts } = r.totals;
  const c = r.counts;
  lines.push(`Rows read ${c.rowsRead}: ${c.valid} valid, ${c.rejected} rejected; ${c.warnings} warning${c.warnings === 1 ? '' : 's'}.`);
  lines.push(`Valid rows make ${customers} customer${customers === 1 ? '' : 's'} with ${contacts} contact${contacts === 1 ? '' : 's'}.`);
  if (r.unmapped.length > 0)
    lines.push(`Columns no field reads (kept, not dropped): ${r.unmapped.map((u) => `${u.column} → ${u.destination}`).join(', ')}`);
  const problems = [...r.issues.filter((i) => i.severity === 'error'), ...r.issues.filter((i) => i.severity === 'warning')];
  if (problems.length > 0) {
    lines.push(`First problems (${Math.min(show, problems.length)} of ${problems.length}):`);
    for (const i of problems.slice(0, show)) lines.push(problemLine(i));
  }
  lines.push(
    c.rejected > 0
      ? `The files were read. ${c.rejected} rejected row${c.rejected === 1 ? ' is' : 's are'} listed in ${rejectsPath}: fix them in the source and run validate again (an import leaves them out).`
      : `The files were read; no row was rejected (${rejectsPath} lists none).`,
  );
  return lines.join('\n');
}

/** The `--json` summary of a validation run. */
export function validationJson(r: ValidateFilesResult['load'], rejectsPath: string): unknown {
  return {
    template: r.template,
    files: r.files,
    counts: r.counts,
    customers: r.totals.customers,
    contacts: r.totals.contacts,
    unmapped: r.unmapped,
    rejectsFile: rejectsPath,
    issues: r.issues,
  };
}
