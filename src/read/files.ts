/** Opening input files with errors a person can act on. */
import { open, stat } from 'node:fs/promises';
import { SyncroEtlError } from '../errors.js';

/** Throws FILE_NOT_FOUND / FILE_UNREADABLE (directories included) for `file`. */
export async function checkReadable(file: string): Promise<number> {
  try {
    const s = await stat(file);
    if (!s.isFile())
      throw new SyncroEtlError('FILE_UNREADABLE', `${file} is not a file (a folder?). Name the CSV or XLSX file itself.`, { file });
    return s.size;
  } catch (err) {
    if (err instanceof SyncroEtlError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SyncroEtlError('FILE_NOT_FOUND', `${file} does not exist. Check the path.`, { file }, { cause: err });
    throw new SyncroEtlError(
      'FILE_UNREADABLE',
      `${file} cannot be read (${code ?? String(err)}). Check its permissions.`,
      { file },
      { cause: err },
    );
  }
}

/** The first `bytes` bytes of `file`. */
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
