/**
 * The package as a user gets it: `npm pack`, the tarball installed into a
 * fresh project, the README's library example type-checked against the
 * shipped .d.ts (by package name, through the `exports` map) and run:
 * plan → apply → undo against startSandbox().
 *
 * How the tarball is installed: `npm install --offline` cannot work here —
 * resolving the dependency ranges needs registry metadata that `npm ci`'s
 * cache does not hold (it keeps tarballs only), and better-sqlite3 would
 * build from source (minutes). So the tarball is unpacked into
 * node_modules/syncro-etl exactly as npm lays it out, and each runtime
 * dependency it declares (plus typescript and @types/node for the user's
 * type-check) is a link into this checkout's node_modules. What is checked
 * is the package's own content: its `files`, `exports`, .d.ts and templates.
 * dist/ must be built first (`npm test` builds).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };

/** The TypeScript block between the library-example markers of README.md. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /<!-- library-example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- library-example:end -->/.exec(readme);
  if (!m?.[1]) throw new Error('README.md has no ```ts block between <!-- library-example:start --> and <!-- library-example:end -->');
  return m[1];
}

const work = mkdtempSync(join(tmpdir(), 'syncro-etl-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs into a fresh project; the README example type-checks against the shipped .d.ts and runs plan → apply → undo on startSandbox()', async () => {
    expect(existsSync(join(ROOT, 'dist', 'index.d.ts')), 'dist/ is not built: run npm run build (npm test does)').toBe(true);

    // --ignore-scripts: no second build (prepare) while the suite runs; dist/ is what npm test just built.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = new Set(info!.files.map((f) => f.path));
    for (const f of ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'templates/generic.json'])
      expect(shipped, `the tarball lacks ${f}`).toContain(f);
    expect(
      [...shipped].filter((f) => f.startsWith('src/') || f.startsWith('test/')),
      'sources and tests are not shipped',
    ).toEqual([]);

    const project = join(work, 'project');
    const installed = join(project, 'node_modules', pkg.name);
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', join(work, info!.filename), '--strip-components=1', '-C', installed]);
    for (const dep of [...Object.keys(pkg.dependencies), 'typescript', '@types/node']) {
      const at = join(project, 'node_modules', dep);
      mkdirSync(dirname(at), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), at, 'dir');
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-migration-script', private: true, type: 'module' }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        // What a user's strict project has; skipLibCheck off: the shipped .d.ts themselves must check.
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          types: ['node'],
          skipLibCheck: false,
          outDir: 'out',
        },
        files: ['script.ts'],
      }),
    );
    writeFileSync(join(project, 'script.ts'), readmeExample());

    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    const checked = await run(process.execPath, [tsc, '-p', project], { cwd: project }).catch((err: { stdout?: string }) => {
      throw new Error(`the README example does not type-check against the shipped package:\n${err.stdout ?? String(err)}`);
    });
    expect(checked.stdout).toBe('');

    const { stdout } = await run(process.execPath, [join(project, 'out', 'script.js')], { cwd: project, timeout: 120_000 });
    expect(stdout).toMatch(/^planned: 4 writes in .*\.syncro-etl[/\\]runs[/\\]\d{8}-\d{6}-import$/m);
    expect(stdout).toMatch(/^applied: 4$/m);
    expect(stdout).toMatch(/^undone: 4$/m);
    // The run folder is the CLI's: plan, reports, journal and results, in the user's project.
    const runDir = /^planned: \d+ writes in (.*)$/m.exec(stdout)![1]!;
    for (const f of ['plan.json', 'report.xlsx', 'report.html', 'journal.db', 'results.csv', 'undo-results.csv'])
      expect(existsSync(join(runDir, f)), `${f} in the run folder`).toBe(true);
  }, 300_000);

  it('the exports map gives the API by name and hides the insides', async () => {
    const project = join(work, 'project');
    const probe = `import('${pkg.name}').then((m) => console.log(Object.keys(m).sort().join(','))).then(() => import('${pkg.name}/dist/cli/main.js')).catch((e) => console.log(e.code))`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { cwd: project });
    const [names, deep] = stdout.trim().split('\n');
    for (const name of [
      'planImport',
      'applyRun',
      'undoRun',
      'planAudit',
      'exportRecords',
      'dedupeFiles',
      'startSandbox',
      'loadTemplate',
      'openSyncro',
      'SyncroEtlError',
    ]) {
      expect(names!.split(','), `syncro-etl exports ${name}`).toContain(name);
    }
    expect(deep).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, 60_000);
});
