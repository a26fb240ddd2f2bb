/**
 * `doctor`: checks a Syncro account before a migration and returns what it
 * found, row by row, with the ServerProfile those rows add up to. Read-only
 * unless `writeTest` is set. Never prints; the CLI renders the report.
 */
import { SyncroEtlError } from '../errors.js';
import type { RequestLimiter } from '../syncro/limiter.js';
import { emptyProfile } from '../syncro/profile.js';
import { checkFilters } from './filters.js';
import { checkLists } from './lists.js';
import { asObject, describeAnswer, Prober } from './probe.js';
import { checkRateLimit } from './rate.js';
import { Findings } from './types.js';
import type { DoctorReport, DoctorSink } from './types.js';
import { writeTest } from './write-test.js';

export type { DoctorEvent, DoctorReport, DoctorSink, Finding, Verdict } from './types.js';
export { profilePathFor, loadProfileFor } from './location.js';

export interface DoctorOptions {
  baseUrl: string;
  apiKey: string;
  limiter: RequestLimiter;
  /** Create, read back and delete a scratch customer and contact. */
  writeTest?: boolean;
  /** Custom field written by the write test (default "syncro-etl doctor"). */
  customField?: string;
  /** Send requests back to back until the first 429. */
  rateLimitProbe?: boolean;
  sink?: DoctorSink;
  fetch?: typeof fetch;
  now?: () => Date;
}

export async function runDoctor(o: DoctorOptions): Promise<DoctorReport> {
  const prober = new Prober({ baseUrl: o.baseUrl, apiKey: o.apiKey, limiter: o.limiter, fetch: o.fetch });
  const findings = new Findings(o.sink);
  const checkedAt = (o.now?.() ?? new Date()).toISOString();
  const profile = emptyProfile();
  profile.checkedAt = checkedAt;
  profile.origin = new URL(o.baseUrl).origin;
  const leftBehind: DoctorReport['leftBehind'] = [];
  try {
    await checkMe(prober, findings);
    const samples = await checkLists(prober, findings, profile);
    await checkFilters(prober, findings, profile, samples);
    findings.add(
      'writes',
      'name on PUT /customer_assets',
      'unknown',
      'not tested',
      "doctor creates no asset; a merge sends the asset's current name with its new customer_id, so either answer works",
    );
    if (o.writeTest) {
      await writeTest(
        prober,
        findings,
        profile,
        { customField: o.customField ?? 'syncro-etl doctor', stamp: checkedAt.replace(/\D/g, '').slice(0, 14) },
        leftBehind,
      );
    } else {
      findings.add(
        'writes',
        'write test',
        'unknown',
        'not run',
        'phones, disabled, custom fields and contact title: run `doctor --write-test` (creates and deletes one scratch customer and contact)',
      );
    }
    await checkRateLimit(prober, findings, profile, {
      probe: o.rateLimitProbe === true,
      perMinute: o.limiter.perMinute,
      limiter: o.limiter,
    });
  } catch (err) {
    if (err instanceof SyncroEtlError) throw err;
    throw new SyncroEtlError(
      'API_NETWORK',
      `No answer from ${o.baseUrl}: ${(err as Error).message}. Check the address and the network.`,
      {},
      { cause: err },
    );
  }
  return { baseUrl: o.baseUrl, checkedAt, findings: findings.all, profile, requests: prober.requests, leftBehind };
}

/** GET /me: the key must be valid; anything else stops doctor (nothing after it would mean anything). */
async function checkMe(prober: Prober, findings: Findings): Promise<void> {
  const a = await prober.call('GET', 'me');
  if (a.status === 401 || a.status === 403) {
    throw new SyncroEtlError(
      'API_UNAUTHORIZED',
      `${prober.baseUrl}/me answered ${a.status}: the API key is not valid for this account. Check SYNCRO_API_KEY.`,
      { status: a.status },
    );
  }
  const me = asObject(a.json);
  if (a.status !== 200 || !me) {
    throw new SyncroEtlError(
      'API_BAD_ANSWER',
      `${prober.baseUrl}/me answered ${describeAnswer(a)}; expected JSON about the key's user. Check the base URL.`,
      { status: a.status },
    );
  }
  const who = typeof me.user_email === 'string' ? me.user_email : typeof me.user_name === 'string' ? me.user_name : 'a user';
  findings.add('account', 'API key (/me)', 'ok', 'valid', `belongs to ${who}${me.subdomain ? ` on ${String(me.subdomain)}` : ''}`);
}
