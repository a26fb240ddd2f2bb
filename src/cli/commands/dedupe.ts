/**
 * `syncro-etl dedupe FILE... --out clusters.csv|clusters.xlsx`: read, map and
 * validate the files, cluster likely duplicates across all of them, and write
 * one row per record in a cluster (cluster id, source file and row, score to
 * the cluster's best record, why) for a person to review. No Syncro access.
 */
import { extname } from 'node:path';
import { SyncroEtlError } from '../../errors.js';
import { loadOptionsFrom, withReadOptions } from '../read-options.js';
import { loadTemplate } from '../../templates/registry.js';
import type { Template } from '../../templates/schema.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

/** `--entity contacts` needs a template that reads contacts. */
function refuseWithoutContacts(template: Template): void {
  if (Object.keys(template.contact).length > 0) return;
  throw new SyncroEtlError(
    'INVALID_ARGUMENT',
    `Template "${template.name}" reads no contact columns, so it cannot serve --entity contacts. Use --entity customers, or a template that maps contacts (e.g. syncro-contacts or generic).`,
    { value: template.name },
  );
}

export const dedupeCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'dedupe <files..>',
    describe: 'Find likely duplicate customers or contacts across input files; write clusters to CSV or XLSX for review',
    builder: (y) =>
      withReadOptions(y)
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'CSV or XLSX files' })
        .option('entity', {
          choices: ['customers', 'contacts'] as const,
          default: 'customers' as const,
          describe: 'Cluster customers, or the contacts listed under them',
        })
        .option('out', {
          type: 'string',
          default: './clusters.csv',
          describe: 'Where to write the clusters: .csv or .xlsx (never an input; an existing file only with --force)',
        })
        .option('force', { type: 'boolean', default: false, describe: 'Replace the --out file if it exists (never an input)' }),
    handler: async (args) => {
      const kind = extname(args.out).toLowerCase();
      if (kind !== '.csv' && kind !== '.xlsx') {
        throw new SyncroEtlError('INVALID_ARGUMENT', `--out must end in .csv or .xlsx (got ${args.out}).`, { value: args.out });
      }
      const { checkOutputPath } = await import('../output-guard.js');
      const ownHeader = kind === '.csv' ? `${(await import('../../match/dedupe.js')).DEDUPE_COLUMNS.join(',')}\r\n` : undefined;
      const guard = {
        option: '--out',
        inputs: (await import('../read-options.js')).readInputs(args),
        force: args.force,
        ...(ownHeader ? { ownFirstLine: ownHeader } : {}),
      };
      checkOutputPath(args.out, guard);
      const { loadRecords } = await import('../../ingest/load.js');
      const { dedupeRecords } = await import('../../match/dedupe.js');
      const { writeClustersCsv, writeClustersXlsx } = await import('../../report/dedupe-clusters.js');
      if (args.entity === 'contacts' && args.template) refuseWithoutContacts(loadTemplate(args.template));
      const loaded = await loadRecords(args.files, { ...loadOptionsFrom(args), keepRowValues: true });
      if (args.entity === 'contacts')
        for (const f of loaded.files) if (f.template.detected) refuseWithoutContacts(loadTemplate(f.template.name));
      const { rows, result, counts } = dedupeRecords(loaded.customers, { entity: args.entity });
      await (kind === '.xlsx' ? writeClustersXlsx(rows, args.out) : writeClustersCsv(rows, args.out));
      const summary = {
        entity: args.entity,
        records: result.stats.records,
        rowsRead: loaded.counts.rowsRead,
        rejectedRows: loaded.counts.rejected,
        rowsCompared: counts.rowsCompared,
        rowsInClusters: counts.rowsInClusters,
        rowsAlone: counts.rowsAlone,
        clusters: counts.clusters,
        recordsInClusters: result.clusters.reduce((n, c) => n + c.members.length, 0),
        reviewPairs: result.pairs.filter((p) => p.outcome === 'review').length,
        reviewRows: counts.reviewRows,
        out: args.out,
      };
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const what = args.entity === 'customers' ? 'customer' : 'contact';
      io.out(
        args.json
          ? JSON.stringify(summary, null, 2)
          : [
              `Read ${plural(summary.rowsRead, 'row')} from ${plural(args.files.length, 'file')} (${plural(summary.rejectedRows, 'rejected row')} left out; run validate to see them); compared ${plural(summary.records, what)} from ${plural(summary.rowsCompared, 'row')}.`,
              `${plural(summary.rowsCompared, 'row')} = ${summary.rowsInClusters} in ${plural(summary.clusters, 'cluster')} + ${summary.rowsAlone} alone.`,
              summary.clusters === 0 && summary.reviewRows === 0
                ? `No likely duplicates found; ${args.out} holds only the header.`
                : `Written to ${args.out}: each cluster's best record first, then each member with its score and why${summary.reviewRows > 0 ? `; ${plural(summary.reviewRows, 'maybe')} (role review) to decide by hand` : ''}.`,
            ].join('\n'),
      );
      outcome.exitCode = 0;
    },
  });
