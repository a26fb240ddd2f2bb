/** `exportRecords`: Syncro customers and/or contacts to one XLSX workbook or CSV files. */
import type { EventSink } from '../events.js';
import { exportData } from '../export/export.js';
import type { ExportOptions, ExportResult, ExportTarget } from '../export/types.js';
import type { SyncroClient } from '../syncro/client.js';

export interface ExportRecordsOptions extends Omit<ExportOptions, 'onEvent'> {
  syncro: { client: SyncroClient };
  /** customers, contacts or all (default). */
  what?: ExportTarget;
  onEvent?: EventSink;
}

/** @example await exportRecords({ syncro, out: 'clients.xlsx' }); */
export function exportRecords(options: ExportRecordsOptions): Promise<ExportResult> {
  const { syncro, what = 'all', ...rest } = options;
  return exportData(syncro.client, what, rest);
}
