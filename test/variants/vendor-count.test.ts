/**
 * Issue 13: vendor contacts (customer_id null) are read, kept out of customer
 * logic "and counted in reports". The snapshot counted them, the CLI said it;
 * the plan and the audit page did not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/run/audit.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { clientFor } from '../helpers/target.js';
import { tempDir, variantSandbox } from './scenario.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const audit = (s: RunningSandbox) =>
  runAudit({ client: clientFor(s), target: { baseUrl: 'local sandbox', sandbox: true }, rateLimit: 60_000, cwd: tempDir() });

describe('vendor contacts counted in the audit', () => {
  it('plan.json and audit.html say how many were read and left alone', async () => {
    sb = await variantSandbox({ vendorContacts: 2 });
    const done = await audit(sb);
    expect(done.plan.snapshot.vendorContacts).toBe(2);
    const page = readFileSync(join(done.runDir, 'audit.html'), 'utf8');
    expect(page).toContain('2 vendor contacts (no customer; left alone)');
  });

  it('none: nothing said', async () => {
    sb = await variantSandbox({});
    const done = await audit(sb);
    expect(done.plan.snapshot.vendorContacts).toBeUndefined();
    expect(readFileSync(join(done.runDir, 'audit.html'), 'utf8')).not.toContain('vendor contact');
  });
});
