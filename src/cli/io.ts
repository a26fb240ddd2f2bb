/**
 * Where the CLI writes. Commands receive an `CliIO` instead of touching
 * process.stdout, so tests can capture output and `--json` is a renderer
 * choice, not a flag threaded through the core.
 */
export interface CliIO {
  /** Results: tables, summaries, JSON. */
  out(text: string): void;
  /** Notices, progress lines, warnings and errors. */
  err(text: string): void;
  readonly isTTY: boolean;
  /** Ask a yes/no question; resolves false when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean>;
}

export function processIO(): CliIO {
  const isTTY = Boolean(process.stdout.isTTY && process.stdin.isTTY);
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    isTTY,
    async confirm(question) {
      if (!process.stdin.isTTY) return false;
      const { createInterface } = await import('node:readline/promises');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = await rl.question(`${question} [y/N] `);
        return /^y(es)?$/i.test(answer.trim());
      } finally {
        rl.close();
      }
    },
  };
}

/** An IO that records everything, for tests. */
export function memoryIO(answers: boolean[] = []): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTTY: false,
    confirm: async () => answers.shift() ?? false,
  };
}
