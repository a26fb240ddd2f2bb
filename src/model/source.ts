/**
 * Where a record came from. `row` is the spreadsheet's row number as a person
 * sees it (the header is row 1, the first data row is row 2 unless the header
 * sits lower). It travels with every record into plans, reports and errors.
 */
import { z } from 'zod';

export const SourceRefSchema = z.object({
  file: z.string(),
  sheet: z.string().optional(),
  row: z.number().int().positive(),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** A problem with one input row: data, never thrown. Rendered to rejects.csv and reports. */
export const RowIssueSchema = z.object({
  source: SourceRefSchema,
  field: z.string().optional(),
  value: z.string().optional(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type RowIssue = z.infer<typeof RowIssueSchema>;
