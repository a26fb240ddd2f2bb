/**
 * `syncro-etl dedupe FILE... --out clusters.csv|clusters.xlsx`: read, map and
 * validate the files, cluster likely duplicates across all of them, and write
 * one row per record in a cluster (cluster id, source file and row, score to
 * the cluster's best record, why) for a person to review. No Syncro access.
 */
import { extname } from 'node:path';
import { SyncroEtlError } from '../../errors.js';
import { loadOptionsFrom, readInputs, withReadOptions } from '../read-options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

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
      const [{ checkOutputPath }, { dedupeFiles, DEDUPE_COLUMNS }] = await Promise.all([
        import('../../app/output-guard.js'),
        import('../../app/dedupe-files.js'),
      ]);
      // The CLI's own rule, stricter than dedupeFiles' (an input by identity, a rerun over our own clusters.csv may replace it).
      checkOutputPath(args.out, {
        option: '--out',
        inputs: readInputs(args),
        force: args.force,
        ...(kind === '.csv' ? { ownFirstLine: `${DEDUPE_COLUMNS.join(',')}\r\n` } : {}),
      });
      const deduped = await dedupeFiles({
        files: args.files,
        entity: args.entity,
        read: loadOptionsFrom(args),
        out: args.out,
        overwrite: true, // checked just above
      });
      const { result, counts, load: loaded } = deduped;
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
        guesses: loaded.files.flatMap((f) => f.guesses.map((g) => `${f.file}: ${g}`)),
      };
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const what = args.entity === 'customers' ? 'customer' : 'contact';
      io.out(
        args.json
          ? JSON.stringify(summary, null, 2)
          : [
              `Read ${plural(summary.rowsRead, 'row')} from ${plural(args.files.length, 'file')} (${plural(summary.rejectedRows, 'rejected row')} left out; run validate to see them); compared ${plural(summary.records, what)} from ${plural(summary.rowsCompared, 'row')}.`,
              ...summary.guesses.map((g) => `Guessed: ${g}.`),
              `${plural(summary.rowsCompared, 'row')} = ${summary.rowsInClusters} in ${plural(summary.clusters, 'cluster')} + ${summary.rowsAlone} alone.`,
              summary.clusters === 0 && summary.reviewRows === 0
                ? `No likely duplicates found; ${args.out} holds only the header.`
                : `Written to ${args.out}: each cluster's best record first, then each member with its score and why${summary.reviewRows > 0 ? `; ${plural(summary.reviewRows, 'maybe')} (role review) to decide by hand` : ''}.`,
            ].join('\n'),
      );
      outcome.exitCode = 0;
    },
  });
