import { describeSource, isEtlError } from '../errors.js';

/** One or two lines a person can act on; stack traces only with SYNCRO_ETL_DEBUG=1. */
export function renderError(err: unknown): string {
  if (isEtlError(err)) {
    const where = describeSource(err.context.source, err.context.field);
    const head = `error [${err.code}]: ${where ? `${where}: ` : ''}${err.message}`;
    return process.env.SYNCRO_ETL_DEBUG === '1' && err.stack ? `${head}\n${err.stack}` : head;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return `error [INTERNAL]: ${e.message}\nThis is a bug in syncro-etl; rerun with SYNCRO_ETL_DEBUG=1 and report the output.${
    process.env.SYNCRO_ETL_DEBUG === '1' && e.stack ? `\n${e.stack}` : ''
  }`;
}
