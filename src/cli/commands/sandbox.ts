/** `syncro-etl sandbox`: serve a local Syncro-compatible API until Ctrl-C. */
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

export const sandboxCommand: CommandFactory = (io) =>
  defineCommand({
    command: 'sandbox',
    describe: 'Serve a local Syncro-compatible API (for trying the tool and for tests)',
    builder: (y) =>
      y
        .option('port', { type: 'number', default: 8787, describe: 'Port on 127.0.0.1 (0 = any free port)' })
        .option('data', { type: 'string', default: '.syncro-etl/sandbox.db', describe: 'Data file (kept across restarts)' })
        .option('seed', { type: 'string', describe: 'Seed fixture (JSON), applied when the data file is empty' })
        .option('api-key', { type: 'string', describe: 'API key the sandbox accepts (default: sandbox-key, or SYNCRO_API_KEY)' })
        .option('rate-limit', { type: 'number', default: 180, describe: 'Requests per minute per client (0 = off)' })
        .option('retry-after', { choices: ['on', 'off'] as const, default: 'on' as const, describe: 'Send Retry-After with 429' })
        .option('unique-email', {
          choices: ['on', 'off'] as const,
          default: 'off' as const,
          describe: 'Reject a second customer with the same email',
        })
        .option('utc-offset', { type: 'string', default: '+00:00', describe: 'Offset written in timestamps' })
        .option('fault-latency-ms', { type: 'number', default: 0, describe: 'Delay every answer' })
        .option('fault-5xx', { type: 'number', default: 0, describe: 'Share of requests answered 500 (nothing stored)' })
        .option('fault-lost-write', { type: 'number', default: 0, describe: 'Share of writes stored but whose answer is lost' })
        .option('fault-seed', { type: 'number', default: 1, describe: 'Seed for the fault dice' })
        .option('variant', {
          type: 'string',
          array: true,
          describe:
            'Answer an open point the other way, e.g. ignore-filter=invoices.customer_id, flat=invoices, html-lists=customers, digit-phones=customers, all (see src/sandbox/README.md "Variants")',
        }),
    handler: async (args) => {
      const { startSandboxFromFlags } = await import('../sandbox-flags.js');
      const running = await startSandboxFromFlags(args);
      io.err(`Syncro sandbox listening on ${running.url} (data ${args.data}). Ctrl-C stops it.`);
      io.err(`Point syncro-etl at it with: SYNCRO_BASE_URL=${running.url} SYNCRO_API_KEY=<the sandbox key>`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await running.close();
    },
  });
