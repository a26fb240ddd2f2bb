/** `syncro-etl export [customers|contacts|all] --out FILE.xlsx|FILE.csv`: Syncro → Excel or CSV. */
import type { EtlEvent, EventSink } from '../../events.js';
import { EXPORT_FORMATS, EXPORT_TARGETS } from '../../export/types.js';
import type { ExportResult, ExportTarget } from '../../export/types.js';
import type { CliIO } from '../io.js';
import { connectionFlags, withConnectionOptions } from '../options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const exportCommand: CommandFactory = (io) =>
  defineCommand({
    command: 'export [what]',
    describe: 'Export customers and contacts to Excel (.xlsx) or CSV: safe to open, editable, importable back as updates',
    builder: (y) =>
      withConnectionOptions(y)
        .positional('what', { choices: EXPORT_TARGETS, default: 'all' as const, describe: 'What to export' })
        .option('out', {
          type: 'string',
          demandOption: true,
          describe: 'FILE.xlsx (one workbook, a sheet each) or FILE.csv (with "all": FILE-customers.csv and FILE-contacts.csv)',
        })
        .option('format', { choices: EXPORT_FORMATS, describe: 'Override the format the --out extension implies' })
        .option('fields', {
          type: 'string',
          describe:
            'Columns, comma-separated (e.g. "email,phone,custom: Contract"); "custom" = every custom field; the id columns are always kept',
        })
        .option('query', { type: 'string', describe: "Syncro's free-text customer search; contacts follow their customers" })
        .option('include-disabled', { type: 'boolean', default: false, describe: 'Also export disabled customers (and their contacts)' })
        .option('force', { type: 'boolean', default: false, describe: 'Replace the output file(s) if they exist' })
        .example('$0 export --out clients.xlsx', 'Customers and contacts, one workbook')
        .example('$0 export customers --out customers.csv --fields email,phone,custom', 'Some columns, CSV'),
    handler: async (args) => {
      const [{ exportRecords }, { parseFieldList }, { openTarget }, { withProgress }] = await Promise.all([
        import('../../app/export-records.js'),
        import('../../export/layout.js'),
        import('../target.js'),
        import('../progress.js'),
      ]);
      const fields = parseFieldList(args.fields);
      const notices: string[] = [];
      const sink = pagesProgress((e) => {
        if (e.type === 'notice') notices.push(e.message);
      });
      const target = await openTarget(connectionFlags(args), io);
      let result: ExportResult;
      try {
        result = await withProgress(io, `Exporting ${args.what === 'all' ? 'customers and contacts' : args.what}`, (progress) => {
          const onEvent = sink(progress);
          // The client's own events (requests, rate-limit pauses) feed the same view.
          target.listen(onEvent);
          return exportRecords({
            syncro: target,
            what: args.what,
            out: args.out,
            ...(args.format ? { format: args.format } : {}),
            ...(fields ? { fields } : {}),
            ...(args.query ? { query: args.query } : {}),
            includeDisabled: args.includeDisabled,
            overwrite: args.force,
            onEvent,
          });
        });
      } finally {
        await target.close();
      }
      for (const n of notices) if (!target.shownNotices.has(n)) io.err(`warning: ${n}`);
      render(io, args.what, result, args.json);
    },
  });

/**
 * The core reports pages per list; the progress view wants one done/total.
 * Customer and contact pages are added up (contacts' total is known from
 * their first page on), and rows written are left out: the API is the slow part.
 */
function pagesProgress(extra: EventSink): (progress: EventSink) => EventSink {
  return (progress) => {
    const pages = new Map<string, { done: number; total: number }>();
    return (e: EtlEvent) => {
      extra(e);
      if (e.type !== 'progress') {
        progress(e);
        return;
      }
      if (!e.stage.startsWith('export ')) return;
      pages.set(e.stage, { done: e.done, total: e.total ?? e.done });
      let done = 0;
      let total = 0;
      for (const p of pages.values()) {
        done += p.done;
        total += p.total;
      }
      progress({ type: 'progress', stage: 'export', done, total });
    };
  };
}

function render(io: CliIO, what: ExportTarget, r: ExportResult, json: boolean): void {
  if (json) {
    io.out(JSON.stringify(r, null, 2));
    return;
  }
  const counts = (['customers', 'contacts'] as const).filter((e) => what === 'all' || what === e).map((e) => `${r.rows[e]} ${e}`);
  io.out(`Exported ${counts.join(' and ')} to ${r.files.join(' and ')} (${r.requests} API request${r.requests === 1 ? '' : 's'}).`);
}
