import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SandboxStore } from '../../src/sandbox/store.js';
import { call, fakeClock, start } from './helpers.js';

const REPO = resolve(import.meta.dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-persist-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data file', () => {
  test('records survive a restart', async () => {
    const file = join(dir, 'restart.db');
    const a = await start({ dataFile: file });
    await call(a, 'POST', '/customers', { business_name: 'Durable Co' });
    await a.close();
    const b = await start({ dataFile: file });
    const names = (await call(b, 'GET', '/customers')).body.customers.map((c: { business_name: string }) => c.business_name);
    await b.close();
    expect(names).toEqual(['Durable Co']);
  });

  test('ids are not reused after a delete and a restart', async () => {
    const file = join(dir, 'ids.db');
    const a = await start({ dataFile: file });
    for (const n of ['1', '2', '3']) await call(a, 'POST', '/customers', { business_name: n });
    await call(a, 'DELETE', '/customers/3');
    await a.close();
    const b = await start({ dataFile: file });
    const id = (await call(b, 'POST', '/customers', { business_name: '4' })).body.customer.id;
    await b.close();
    expect(id).toBe(4);
  });

  test('the seed is applied only when the store is empty', async () => {
    const file = join(dir, 'seed-once.db');
    const seed = { customers: [{ business_name: 'Seeded', contacts: [{ name: 'S' }] }] };
    await (await start({ dataFile: file, seed })).close();
    const b = await start({ dataFile: file, seed });
    const counts = b.store.counts();
    await b.close();
    expect([counts.customers, counts.contacts]).toEqual([1, 1]);
  });

  test('updated_at keeps increasing across a restart even when the clock went back', async () => {
    const file = join(dir, 'clock.db');
    const a = await start({ dataFile: file, now: fakeClock(Date.UTC(2030, 0, 1)).now });
    const c = (await call(a, 'POST', '/customers', { business_name: 'Future' })).body.customer;
    await a.close();
    const b = await start({ dataFile: file, now: fakeClock(Date.UTC(2020, 0, 1)).now });
    const u = (await call(b, 'PUT', `/customers/${c.id}`, { notes: 'x' })).body.customer;
    await b.close();
    expect(Date.parse(u.updated_at)).toBeGreaterThan(Date.parse(c.updated_at));
  });

  test('the file runs in WAL mode', async () => {
    const file = join(dir, 'wal.db');
    SandboxStore.open(file).close();
    const db = new Database(file, { readonly: true });
    const mode = db.pragma('journal_mode', { simple: true });
    db.close();
    expect(mode).toBe('wal');
  });

  test('a file that is not a sandbox database is refused with FILE_UNREADABLE', () => {
    const file = join(dir, 'junk.db');
    writeFileSync(file, 'this is not sqlite, just text that is long enough to have a header page '.repeat(20));
    expect(() => SandboxStore.open(file)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });

  test('without a data file the store lives in memory', async () => {
    const s = await start();
    await s.close();
    expect(s.store.file).toBeUndefined();
  });
});

/** Transpiles the sandbox (and what it imports from src/) to plain JS a child node process can run. */
function buildSandboxJs(out: string): void {
  const files = [
    ...readdirSync(join(REPO, 'src/sandbox'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `src/sandbox/${f}`),
    'src/errors.ts',
    'src/syncro/types.ts',
  ];
  for (const f of files) {
    const js = ts.transpileModule(readFileSync(join(REPO, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const target = join(out, f.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  symlinkSync(join(REPO, 'node_modules'), join(out, 'node_modules'), 'dir');
  writeFileSync(
    join(out, 'child.js'),
    `import { startSandbox } from './src/sandbox/server.js';
const sb = await startSandbox({ dataFile: process.argv[2], rateLimit: 0 });
process.stdout.write(sb.url + '\\n');`,
  );
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => {
      rl.close();
      resolveLine(line);
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

describe('crash safety', () => {
  test('after SIGKILL mid-writes the file opens, passes integrity_check and holds every acknowledged write', async () => {
    const build = join(dir, 'build');
    buildSandboxJs(build);
    const file = join(dir, 'crash.db');
    const child = spawn(process.execPath, [join(build, 'child.js'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const closed = new Promise((r) => child.once('close', r));
    const url = await firstLine(child);
    const sb = { url };
    const acked: number[] = [];
    for (let i = 0; i < 60; i++) acked.push((await call(sb, 'POST', '/customers', { business_name: `Crash ${i}` })).body.customer.id);
    // Four writers keep POSTing; the server is killed while they are mid-stream.
    const contactAcks: number[] = [];
    const writer = async (w: number): Promise<void> => {
      for (let i = 0; ; i++) {
        const r = await call(sb, 'POST', '/contacts', { customer_id: acked[i % acked.length], name: `W${w}-${i}` }).catch(() => undefined);
        if (!r) return;
        contactAcks.push(r.body.id as number);
        if (contactAcks.length === 40) child.kill('SIGKILL');
      }
    };
    await Promise.all([0, 1, 2, 3].map(writer));
    await closed;

    const db = new Database(file);
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    const store = SandboxStore.open(file);
    const customersKept = acked.every((id) => store.exists('customers', id));
    const contactsKept = contactAcks.every((id) => store.exists('contacts', id));
    store.close();
    expect([integrity, customersKept, contactsKept]).toEqual(['ok', true, true]);
  });
});
