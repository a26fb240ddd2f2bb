/** `syncro-etl audit`: find the duplicates in Syncro and plan their merges (a dry run). */
import { connectionFlags, withConnectionOptions } from '../options.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const auditCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'audit',
    describe: 'Find duplicate customers and contacts in Syncro and plan their merges (dry run; apply RUN merges)',
    builder: (y) =>
      withConnectionOptions(y)
        .option('survivor', {
          type: 'string',
          default: 'linked,oldest,complete',
          describe: 'Survivor rules in order: linked (most linked records), oldest, complete',
        })
        .option('field-rule', {
          type: 'string',
          array: true,
          describe: 'Per-field rule FIELD=survivor|newest|fill (default survivor: its value wins, blanks filled from the others)',
        })
        .option('input', {
          type: 'string',
          array: true,
          describe: "Audit an export (our XLSX/CSV export, or Syncro's CSVs) instead of reading Syncro; merges still apply through the API",
        })
        .option('disable-duplicates', {
          type: 'boolean',
          default: false,
          describe: 'Leave merged duplicates disabled instead of deleting them',
        }),
    handler: async (args) => {
      const { runAuditCommand } = await import('../audit-flow.js');
      await runAuditCommand(io, outcome, args, connectionFlags(args));
    },
  });
