/**
 * In the application layer so a script's validateFiles gets the same rule as
 * the CLI (and the second check just before writing, which only the writer
 * can make). Output files a command writes beside the user's own files (validate's
 * rejects, dedupe's clusters) never replace an input, and never replace an
 * existing file the user did not ask to replace: `--force` replaces, and so
 * does a rerun over our own earlier output (recognised by its first line), so
 * running validate twice does not need a flag. An input is never replaced,
 * not even with --force.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SyncroEtlError } from '../errors.js';

export interface OutputGuard {
  /** The option that named the file, for the message (e.g. "--rejects"). */
  option: string;
  /** Files the command reads: never written. */
  inputs: readonly string[];
  /** --force: replace an existing file that is not an input. */
  force: boolean;
  /** How the caller asks to replace, for the message: "--force" (default) in the CLI, "overwrite: true" in a script. */
  forceHint?: string;
  /** How a file this tool wrote starts (e.g. the CSV header line); such a file may be replaced. */
  ownFirstLine?: string;
}

/** Throws INVALID_ARGUMENT (exit 2) when writing `path` would destroy an input or an unrelated existing file. */
export function checkOutputPath(path: string, guard: OutputGuard): void {
  const target = identity(path);
  if (!target) return;
  for (const input of guard.inputs) {
    const other = identity(input);
    if (other && other.dev === target.dev && other.ino === target.ino) {
      throw new SyncroEtlError(
        'INVALID_ARGUMENT',
        `${guard.option} ${path} is one of the input files; it would be overwritten. Choose another ${guard.option} path.`,
        { file: path },
      );
    }
  }
  if (!target.file)
    throw new SyncroEtlError(
      'INVALID_ARGUMENT',
      `${guard.option} ${path} exists and is not a regular file. Choose another ${guard.option} path.`,
      { file: path },
    );
  if (guard.force) return;
  if (guard.ownFirstLine !== undefined && startsWith(path, guard.ownFirstLine)) return;
  throw new SyncroEtlError(
    'INVALID_ARGUMENT',
    `${guard.option} ${path} already exists and was not written by syncro-etl; pass ${guard.forceHint ?? '--force'} to replace it, or choose another ${guard.option} path.`,
    { file: path },
  );
}

/** `<dir of input>/<input name without extension>.<suffix>`: the default output next to the first input. */
export function besideInput(input: string, suffix: string): string {
  const name = basename(input, extname(input));
  return join(dirname(resolve(input)), `${name}.${suffix}`);
}

function identity(path: string): { dev: number; ino: number; file: boolean } | undefined {
  try {
    // resolve() first: "sub/../c.csv" names c.csv once the writer has created sub/, even though sub/ does not exist yet.
    const s = statSync(realpathSync(resolve(path)));
    return { dev: s.dev, ino: s.ino, file: s.isFile() };
  } catch {
    return undefined; // absent (or unreadable: then writing it fails on its own, with the OS's reason)
  }
}

/** True when the file's first bytes (after a UTF-8 BOM) are `line`. */
function startsWith(path: string, line: string): boolean {
  const want = Buffer.from(line, 'utf8');
  const buf = Buffer.alloc(want.length + 3);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, buf, 0, buf.length, 0);
    const bom = n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    return n - bom >= want.length && buf.subarray(bom, bom + want.length).equals(want);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
