/**
 * A lost create answer for a customer without an email is looked up by
 * business name (or first/last name), filters nobody verifies and Syncro's
 * swagger leaves open, with `sort=id DESC` to see the newest first. A server
 * that ignores both answers the whole list oldest first: the look-up stopped
 * after 500 records of other customers, missed the record the POST had made,
 * and posted it again (a duplicate). Records that do not carry the name asked
 * for must not count towards the look-up's bound.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { seedStore } from '../../src/sandbox/seed.js';
import { proxy } from '../helpers/proxy.js';
import type { RunningProxy } from '../helpers/proxy.js';
import { clientFor, dump, sandbox, TEST_KEY } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
let px: RunningProxy | undefined;
afterEach(async () => {
  await px?.close();
  await sb?.close();
  sb = px = undefined;
});

/** Drops the name filters and the sort from customer lists (a server that knows neither). */
function ignoreNameFiltersAndSort(req: IncomingMessage): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method !== 'GET' || !url.pathname.endsWith('/customers')) return;
  for (const p of ['business_name', 'firstname', 'lastname', 'sort']) url.searchParams.delete(p);
  req.url = `${url.pathname}${url.search}`;
}

describe('create recovery on a server ignoring the name filters and sort', () => {
  it('the first POST landed but its answer was lost, behind 600 older customers: found, not posted again', async () => {
    sb = await sandbox();
    seedStore(sb.store, { customers: Array.from({ length: 600 }, (_, i) => ({ business_name: `Older Client ${i}` })) });
    const upstream = sb.url;
    let posts = 0;
    px = await proxy(upstream, (req: IncomingMessage, res: ServerResponse) => {
      ignoreNameFiltersAndSort(req);
      if (req.method === 'POST' && ++posts === 1) {
        // Forward the first POST, let it be stored, then lose its answer.
        void (async () => {
          const chunks: Buffer[] = [];
          for await (const c of req) chunks.push(c as Buffer);
          await fetch(`${upstream}/customers`, {
            method: 'POST',
            headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
            body: Buffer.concat(chunks),
          });
          res.destroy();
        })();
        return true;
      }
      return false;
    });
    const client = clientFor(px);
    const r = await client.createCustomer({ business_name: 'Zeta Plumbing', city: 'Boise' });
    const zetas = (await dump(sb)).customers.filter((c) => c.business_name === 'Zeta Plumbing');
    expect(zetas).toHaveLength(1);
    expect(r.recovered).toBe(true);
    expect(r.record.id).toBe(zetas[0]!.id);
    expect(posts).toBe(1);
  });
});
