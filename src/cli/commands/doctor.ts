/** `syncro-etl doctor`: check a Syncro account before a migration; prints a table and saves a server profile. */
import type { DoctorReport, Finding } from '../../doctor/index.js';
import { EXIT } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { connectionFlags, withConnectionOptions } from '../options.js';
import { table } from '../render-plan.js';
import { defineCommand } from '../command.js';
import type { CommandFactory } from '../command.js';

const MARK: Record<Finding['verdict'], string> = { ok: 'ok', differs: 'DIFFERS', fail: 'FAIL', unknown: '?', info: 'info' };

export const doctorCommand: CommandFactory = (io, outcome) =>
  defineCommand({
    command: 'doctor',
    describe: 'Check a Syncro account before a real migration (read-only): key, page sizes, filters, answer shapes, rate limit',
    builder: (y) =>
      withConnectionOptions(y)
        .option('write-test', {
          type: 'boolean',
          default: false,
          describe: 'Also create a scratch customer and contact, read them back and delete them (shows what Syncro changes or ignores)',
        })
        .option('custom-field', {
          type: 'string',
          default: 'syncro-etl doctor',
          describe: 'Customer custom field the write test sets (use one your account defines)',
        })
        .option('rate-limit-probe', {
          type: 'boolean',
          default: false,
          describe: "Send requests until the first 429 to see its body and Retry-After (uses one minute's request budget)",
        })
        .option('save-profile', {
          type: 'boolean',
          default: true,
          describe: 'Save the findings as the account profile in .syncro-etl/profiles/ (import, apply, audit and undo use it)',
        })
        .epilog(
          'Run it once per account before the first real import or merge, and again after Syncro changes something (a new API version, new permissions). ' +
            'Read the table: DIFFERS rows are answers the client copes with (the saved profile tells it), FAIL rows must be understood before migrating. ' +
            'Exit 0 when nothing failed, 1 when a check failed (or a scratch record could not be deleted), 3 when the account cannot be reached or the key is refused.',
        )
        .example('$0 doctor', 'Read-only checks of the configured account')
        .example('$0 doctor --write-test', 'Also test what Syncro keeps of a write (one scratch customer, deleted after)'),
    handler: async (args) => {
      const [{ runDoctor, profilePathFor }, { resolveConnection }, { createLimiter }, { saveProfile }, fs, path] = await Promise.all([
        import('../../doctor/index.js'),
        import('../../syncro/config.js'),
        import('../../syncro/limiter.js'),
        import('../../syncro/profile.js'),
        import('node:fs'),
        import('node:path'),
      ]);
      const { SyncroEtlError } = await import('../../errors.js');
      const connection = resolveConnection({ flags: connectionFlags(args) });
      if (!connection) {
        throw new SyncroEtlError(
          'CONFIG_INVALID',
          'doctor checks a Syncro account, and none is configured: export SYNCRO_SUBDOMAIN=<yourshop> SYNCRO_API_KEY=<token> (or --base-url), see README "Configuration".',
        );
      }
      io.err(`Checking ${connection.baseUrl} (from ${connection.origin})${args.writeTest ? ', with a write test' : ', read-only'}…`);
      const limiter = createLimiter({
        perMinute: connection.rateLimit,
        redisUrl: connection.redisUrl,
        id: `syncro-etl:${connection.baseUrl}`,
      });
      let report: DoctorReport;
      try {
        await limiter.ready();
        report = await runDoctor({
          baseUrl: connection.baseUrl,
          apiKey: connection.apiKey,
          limiter,
          writeTest: args.writeTest,
          customField: args.customField,
          rateLimitProbe: args.rateLimitProbe,
        });
      } finally {
        await limiter.close();
      }
      let profileFile: string | undefined;
      if (args.saveProfile) {
        profileFile = profilePathFor(connection.baseUrl);
        fs.mkdirSync(path.dirname(profileFile), { recursive: true });
        saveProfile(profileFile, report.profile);
      }
      if (args.json) io.out(JSON.stringify({ ...report, profileFile: profileFile ?? null }, null, 2));
      else render(io, report, profileFile);
      if (report.findings.some((f) => f.verdict === 'fail')) outcome.exitCode = EXIT.PARTIAL;
    },
  });

function render(io: CliIO, report: DoctorReport, profileFile: string | undefined): void {
  const rows = [
    ['AREA', 'CHECK', 'RESULT', '', 'DETAIL'],
    ...report.findings.map((f) => [f.area, f.check, f.result, MARK[f.verdict], f.detail]),
  ];
  io.out(table(rows, ''));
  const count = (v: Finding['verdict']) => report.findings.filter((f) => f.verdict === v).length;
  io.out(
    `\n${count('ok')} as assumed, ${count('differs')} differ (the client copes with each; the saved profile sends no filter known to be ignored), ${count('fail')} failed, ${count('unknown')} unknown; ${report.requests} API requests.`,
  );
  for (const r of report.leftBehind) io.out(`LEFT BEHIND: scratch ${r.resource} #${r.id}; delete it in Syncro.`);
  if (profileFile) io.out(`Profile saved to ${profileFile}; commands on this account use it.`);
}
