/**
 * The one table that turns outcomes and error codes into process exit codes.
 * Documented in the README; nothing else in the code base chooses an exit code.
 */
import type { ErrorCode } from '../errors.js';

export const EXIT = {
  OK: 0,
  /** Finished, but some operations failed or some rows were rejected where that matters. */
  PARTIAL: 1,
  /** Bad command line or arguments. */
  USAGE: 2,
  /** Could not start: configuration, authentication, the Syncro account. */
  CANNOT_START: 3,
  /** An input file or template could not be read at all. */
  INPUT: 4,
  /** Aborted: the user declined, Ctrl-C, or the run stopped on a fatal API answer midway. */
  ABORTED: 5,
  /** A run folder, plan or journal could not be used. */
  RUN: 6,
  /** A bug: please report it. */
  INTERNAL: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

const BY_CODE: Partial<Record<ErrorCode, ExitCode>> = {
  FILE_NOT_FOUND: EXIT.INPUT,
  FILE_UNREADABLE: EXIT.INPUT,
  FILE_BINARY: EXIT.INPUT,
  FILE_EMPTY: EXIT.INPUT,
  HEADER_DUPLICATE: EXIT.INPUT,
  HEADER_EMPTY: EXIT.INPUT,
  SHEET_NOT_FOUND: EXIT.INPUT,
  ENCODING_UNSUPPORTED: EXIT.INPUT,
  TEMPLATE_NOT_FOUND: EXIT.INPUT,
  TEMPLATE_INVALID: EXIT.INPUT,
  TEMPLATE_UNDETECTED: EXIT.INPUT,
  CONFIG_INVALID: EXIT.CANNOT_START,
  INSECURE_BASE_URL: EXIT.CANNOT_START,
  API_UNAUTHORIZED: EXIT.CANNOT_START,
  API_NETWORK: EXIT.CANNOT_START,
  REDIS_UNREACHABLE: EXIT.CANNOT_START,
  API_BAD_ANSWER: EXIT.CANNOT_START,
  API_REDIRECT: EXIT.CANNOT_START,
  // Syncro failing, not a bug of ours: a wrong API path (404 on a list), a limit that does not lift, 5xx past the retries.
  API_NOT_FOUND: EXIT.CANNOT_START,
  API_VALIDATION: EXIT.CANNOT_START,
  API_RATE_LIMITED: EXIT.CANNOT_START,
  API_SERVER: EXIT.CANNOT_START,
  API_UNEXPECTED: EXIT.CANNOT_START,
  PLAN_INVALID: EXIT.RUN,
  PLAN_VERSION: EXIT.RUN,
  RUN_NOT_FOUND: EXIT.RUN,
  RUN_LOCKED: EXIT.RUN,
  RUN_UNDONE: EXIT.RUN,
  RUN_TARGET_MISMATCH: EXIT.RUN,
  JOURNAL_CORRUPT: EXIT.RUN,
  ABORTED: EXIT.ABORTED,
  INVALID_ARGUMENT: EXIT.USAGE,
};

export function exitCodeFor(code: ErrorCode): ExitCode {
  return BY_CODE[code] ?? EXIT.INTERNAL;
}
