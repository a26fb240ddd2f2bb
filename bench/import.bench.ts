/**
 * Import dry-run benchmark: a generated contacts export (ConnectWise-style,
 * four contacts per company, every 1000th email broken) of 100k and 1M rows,
 * run through the real CLI, each command in its own process against the
 * embedded (empty) sandbox:
 *   validate   read + map + validate + group (the baseline)
 *   import     the dry run: the same, plus snapshot, plan, plan.json, reports
 * Prints wall and CPU seconds, peak RSS (the child's own maxRSS), the ratios to validate,
 * and the sizes of plan.json, report.html and report.xlsx.
 *   npm run bench -- import
 *   SIZES=100000 npm run bench -- import       (one size)
 *   BENCH_MAX_OLD_SPACE=4096 ...               (cap the heap of each child, MB)
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONNECTWISE_HEADER } from './connectwise-header.js';

const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const BAD_EVERY = 1000;
const here = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(here, '../../dist/cli/main.js');

/** Written next to the data: records the process's peak RSS and CPU seconds when it exits. */
const RSS_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => { const u = process.resourceUsage(); if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) / 1e6); });
`;

interface Run {
  command: string;
  seconds: number;
  /** CPU seconds (user + system): on a shared machine a steadier measure than the wall clock. */
  cpu: number;
  peakMb: number;
  exit: number | null;
  stderrTail: string;
}

async function generate(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${CONNECTWISE_HEADER.join(',')}\r\n`);
  const titles = ['Owner', 'Office Manager', 'IT Contact', 'Billing', 'Front Desk'];
  const cities = [
    ['Portland', 'OR', '97209'],
    ['Boston', 'MA', '02116'],
    ['Austin', 'TX', '78701'],
    ['Memphis', 'TN', '38118'],
  ] as const;
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(i / 4);
    const [city, state, zip] = cities[c % cities.length] as readonly [string, string, string];
    const email = i % BAD_EVERY === BAD_EVERY - 1 ? `contact${i}@` : `first${i}.last${i}@company${c}.example`;
    const phone = `(503) 555-${String(i % 10000).padStart(4, '0')}`;
    buf += `C${c},"Company ${c}, Inc.",${c % 50 === 0 ? 'Inactive' : 'Active'},Client,(503) 555-${String(c % 10000).padStart(4, '0')},${(c % 9000) + 1} Main St,${city},${state},${zip},${i},First${i},Last${i},${titles[i % titles.length]},${email},${phone},${i % 3 === 0 ? phone : ''}\r\n`;
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

function runCli(cwd: string, hook: string, args: string[]): Promise<Run> {
  const rssFile = join(cwd, `rss-${args[0]}.txt`);
  const heap = process.env.BENCH_MAX_OLD_SPACE ? [`--max-old-space-size=${process.env.BENCH_MAX_OLD_SPACE}`] : [];
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const p = spawn(process.execPath, [...heap, '--import', hook, CLI, ...args], {
      cwd,
      env: benchEnv(rssFile),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    p.on('error', reject);
    p.on('close', (code) => {
      let peakKb = 0;
      let cpu = 0;
      try {
        [peakKb, cpu] = readFileSync(rssFile, 'utf8').split(' ').map(Number) as [number, number];
      } catch {
        // the process died without running its exit hook (killed, out of memory)
      }
      resolveRun({
        command: args[0]!,
        seconds: (performance.now() - started) / 1000,
        cpu,
        peakMb: peakKb / 1024,
        exit: code,
        stderrTail: stderr.trim().split('\n').slice(-3).join(' | '),
      });
    });
  });
}

/** The bench's environment: no configured account, so the CLI uses its embedded sandbox. */
function benchEnv(rssFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_RSS_FILE: rssFile };
  for (const key of Object.keys(env)) if (key.startsWith('SYNCRO_')) delete env[key];
  return env;
}

function sizeOf(path: string): string {
  try {
    return `${(statSync(path).size / 1e6).toFixed(1)} MB`;
  } catch {
    return '–';
  }
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'syncro-etl-import-bench-'));
  const hook = join(dir, 'rss-hook.mjs');
  writeFileSync(hook, RSS_HOOK);
  try {
    const lines: string[] = [];
    for (const rows of SIZES) {
      const cwd = join(dir, String(rows));
      const file = join(cwd, 'contacts.csv');
      rmSync(cwd, { recursive: true, force: true });
      mkdirSync(cwd, { recursive: true });
      await generate(file, rows);
      const inputMb = (statSync(file).size / 1e6).toFixed(0);
      const validate = await runCli(cwd, hook, [
        'validate',
        file,
        '--template',
        'connectwise-manage',
        '--rejects',
        join(cwd, 'validate-rejects.csv'),
      ]);
      const dry = await runCli(cwd, hook, ['import', file, '--template', 'connectwise-manage']);
      const runs = join(cwd, '.syncro-etl', 'runs');
      const runDir = (() => {
        try {
          const names = readdirSync(runs).sort();
          return names.length ? join(runs, names[names.length - 1]!) : '';
        } catch {
          return '';
        }
      })();
      for (const r of [validate, dry]) if (r.exit !== 0) console.log(`  ${r.command} at ${rows} rows exited ${r.exit}: ${r.stderrTail}`);
      lines.push(
        [
          rows.toLocaleString('en-US').padStart(9),
          `${inputMb} MB`.padStart(7),
          `${validate.seconds.toFixed(1)} s`.padStart(8),
          `${validate.cpu.toFixed(1)} s`.padStart(8),
          `${validate.peakMb.toFixed(0)} MB`.padStart(8),
          `${dry.seconds.toFixed(1)} s`.padStart(8),
          `${dry.cpu.toFixed(1)} s`.padStart(8),
          `${dry.peakMb ? dry.peakMb.toFixed(0) : '?'} MB`.padStart(8),
          `${(dry.seconds / validate.seconds).toFixed(2)}x`.padStart(6),
          `${validate.cpu ? (dry.cpu / validate.cpu).toFixed(2) : '?'}x`.padStart(9),
          dry.exit === 0 ? 'ok' : `exit ${dry.exit}`,
          sizeOf(join(runDir, 'plan.json')).padStart(9),
          sizeOf(join(runDir, 'report.html')).padStart(9),
          sizeOf(join(runDir, 'report.xlsx')).padStart(9),
        ].join('  '),
      );
      rmSync(cwd, { recursive: true, force: true });
    }
    console.log('each command in its own process (node dist/cli/main.js), embedded empty sandbox, template connectwise-manage');
    console.log(
      '     rows    input  validate   val CPU  val RSS    import   imp CPU  imp RSS  ratio  CPU ratio  status  plan.json  rpt.html  rpt.xlsx',
    );
    for (const l of lines) console.log(l);
    console.log('goal: import dry run peak RSS < 512 MB at 1M rows, time ≤ 3x validate of the same file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
