/**
 * `syncro-etl dedupe FILE... --out clusters.csv|clusters.xlsx`: read, map and
 * validate the files, cluster likely duplicates across all of them, and write
 * one row per record in a cluster (cluster id, source file and row, score to
 * the cluster's best record, why) for a person to review. No Syncro access.
 */
import { extname } from 'node:path';
import { SyncroEtlError } from '../../errors.js';
import { loadOptionsFrom, withReadOptions } from '../read-options.js';
import type { ReadArgs } from '../read-options.js';
import type { CommandFactory } from './index.js';

interface DedupeArgs extends ReadArgs {
  files: string[];
  entity: 'customers' | 'contacts';
  out: string;
  json?: boolean;
}

export const dedupeCommand: CommandFactory = (io, outcome) => ({
  command: 'dedupe <files..>',
  describe: 'Find likely duplicate customers or contacts across input files; write clusters to CSV or XLSX for review',
  builder: (y) =>
    withReadOptions(y)
      .positional('files', { type: 'string', array: true, describe: 'CSV or XLSX files' })
      .option('entity', { choices: ['customers', 'contacts'] as const, default: 'customers' as const, describe: 'Cluster customers, or the contacts listed under them' })
      .option('out', { type: 'string', default: './clusters.csv', describe: 'Where to write the clusters: .csv or .xlsx (never an input; an existing file only with --force)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace the --out file if it exists (never an input)' }),
  handler: async (raw) => {
    const args = raw as unknown as DedupeArgs;
    const kind = extname(args.out).toLowerCase();
    if (kind !== '.csv' && kind !== '.xlsx') {
      throw new SyncroEtlError('INVALID_ARGUMENT', `--out must end in .csv or .xlsx (got ${args.out}).`, { value: args.out });
    }
    const { checkOutputPath } = await import('../output-guard.js');
    const ownHeader = kind === '.csv' ? `${(await import('../../match/dedupe.js')).DEDUPE_COLUMNS.join(',')}\r\n` : undefined;
    const guard = { option: '--out', inputs: (await import('../read-options.js')).readInputs(args), force: Boolean((raw as { force?: boolean }).force), ...(ownHeader ? { ownFirstLine: ownHeader } : {}) };
    checkOutputPath(args.out, guard);
    const { loadRecords } = await import('../../ingest/load.js');
    const { dedupeRecords } = await import('../../match/dedupe.js');
    const { writeClustersCsv, writeClustersXlsx } = await import('../../match/dedupe-writers.js');
    const loaded = await loadRecords(args.files, loadOptionsFrom(args));
    const { rows, result } = dedupeRecords(loaded.customers, { entity: args.entity });
    checkOutputPath(args.out, guard);
    await (kind === '.xlsx' ? writeClustersXlsx(rows, args.out) : writeClustersCsv(rows, args.out));
    const summary = {
      entity: args.entity,
      records: result.stats.records,
      clusters: result.clusters.length,
      recordsInClusters: rows.length,
      reviewPairs: result.pairs.filter((p) => p.outcome === 'review').length,
      rejectedRows: loaded.counts.rejected,
      out: args.out,
    };
    io.out(
      args.json
        ? JSON.stringify(summary, null, 2)
        : [
            `Compared ${summary.records} ${args.entity} from ${args.files.length} file${args.files.length === 1 ? '' : 's'} (${loaded.counts.rejected} rejected row${loaded.counts.rejected === 1 ? '' : 's'} left out; run validate to see them).`,
            summary.clusters === 0
              ? `No likely duplicates found; ${args.out} holds only the header.`
              : `${summary.clusters} cluster${summary.clusters === 1 ? '' : 's'} of likely duplicates (${summary.recordsInClusters} records) written to ${args.out}: each cluster's best record first, then each member's score and why.`,
          ].join('\n'),
    );
    outcome.exitCode = 0;
  },
});
