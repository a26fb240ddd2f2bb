/** `syncro-etl sandbox --variant …` (spawned): the flags reach the running server. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliBuilt, freshDir } from '../helpers/cli.js';

describe.skipIf(!cliBuilt)('sandbox --variant', () => {
  it('serves with the switches named on the command line', async () => {
    const dir = freshDir();
    const child = spawn(
      process.execPath,
      [
        CLI,
        'sandbox',
        '--port',
        '0',
        '--data',
        join(dir, 'sb.db'),
        '--variant',
        'ignore-filter=invoices.customer_id',
        '--variant',
        'flat=invoices',
        '--variant',
        'vendor-contacts=1',
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /listening on (http:\/\/\S+\/api\/v1)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`sandbox exited ${code}: ${err}`)));
      });
      const variants = await (await fetch(url.replace(/\/api\/v1$/, '/__sandbox/variants'))).json();
      expect(variants).toEqual({ variants: { ignoreFilters: ['invoices.customer_id'], flatSingles: ['invoices'], vendorContacts: 1 } });
      const contacts = (await (await fetch(`${url}/contacts`, { headers: { authorization: 'Bearer sandbox-key' } })).json()) as {
        contacts: { customer_id: unknown }[];
      };
      expect(contacts.contacts.map((k) => k.customer_id)).toEqual([null]);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('an unknown variant stops the command with exit 3 and says so', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0', '--data', join(dir, 'sb.db'), '--variant', 'sideways'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect([code, err]).toEqual([3, expect.stringContaining('Unknown --variant "sideways"')]);
  });
});
