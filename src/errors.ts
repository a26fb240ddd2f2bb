/**
 * One error base class for the whole toolkit. Every error carries a `code`
 * from a closed union, a message that says what to do next, and where known
 * the source row it is about. Only `src/cli` turns codes into exit codes.
 */
import type { SourceRef } from './model/source.js';

export const ERROR_CODES = [
  // input files
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_BINARY',
  'FILE_EMPTY',
  'HEADER_DUPLICATE',
  'HEADER_EMPTY',
  'SHEET_NOT_FOUND',
  'ENCODING_UNSUPPORTED',
  // templates and configuration
  'TEMPLATE_NOT_FOUND',
  'TEMPLATE_INVALID',
  'TEMPLATE_UNDETECTED',
  'CONFIG_INVALID',
  'INSECURE_BASE_URL',
  // Syncro API
  'API_UNAUTHORIZED',
  'API_NOT_FOUND',
  'API_VALIDATION',
  'API_RATE_LIMITED',
  'API_SERVER',
  'API_NETWORK',
  'API_UNEXPECTED',
  'REDIS_UNREACHABLE',
  'API_BAD_ANSWER',
  'API_REDIRECT',
  // plans, runs and journals
  'PLAN_INVALID',
  'PLAN_VERSION',
  'RUN_NOT_FOUND',
  'RUN_LOCKED',
  'RUN_UNDONE',
  /** apply/undo pointed at another account than the plan was made against */
  'RUN_TARGET_MISMATCH',
  'JOURNAL_CORRUPT',
  'STALE_RECORD',
  'ABORTED',
  // generic
  'INVALID_ARGUMENT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorContext {
  source?: SourceRef;
  field?: string;
  value?: string;
  file?: string;
  status?: number;
  [key: string]: unknown;
}

export class SyncroEtlError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SyncroEtlError';
    this.code = code;
    this.context = context;
  }
}

/** True when `err` is a SyncroEtlError, optionally with one of `codes`. */
export function isEtlError(err: unknown, ...codes: ErrorCode[]): err is SyncroEtlError {
  return err instanceof SyncroEtlError && (codes.length === 0 || codes.includes(err.code));
}

/** "file.csv, sheet X, row 12, field email" — the prefix every row-level message starts with. */
export function describeSource(source: SourceRef | undefined, field?: string): string {
  if (!source) return field ? `field ${field}` : '';
  const parts = [source.file];
  if (source.sheet !== undefined) parts.push(`sheet ${source.sheet}`);
  parts.push(`row ${source.row}`);
  if (field) parts.push(`field ${field}`);
  return parts.join(', ');
}
