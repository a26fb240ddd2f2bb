/** Runs the built CLI as a person would: a separate process, its own cwd and environment. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLI = join(process.cwd(), 'dist', 'cli', 'main.js');
export const cliBuilt = existsSync(CLI);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'syncro-etl-cli-'));
}

export function runCliProcess(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  return new Promise((resolve) => {
    const env: Record<string, string | undefined> = {
      ...process.env,
      SYNCRO_BASE_URL: undefined,
      SYNCRO_SUBDOMAIN: undefined,
      SYNCRO_API_KEY: undefined,
      HOME: opts.cwd,
      ...opts.env,
    };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
