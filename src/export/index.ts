/** Export to Excel and CSV: the public API (see README.md in this folder). */
export {
  exportAll,
  exportContacts,
  exportCustomers,
  exportData,
  outputFiles,
  resolveFormat,
  EXPORT_FORMATS,
  EXPORT_TARGETS,
} from './export.js';
export type { ExportFormat, ExportOptions, ExportResult, ExportTarget } from './export.js';
export { CONTACT_COLUMNS, CUSTOMER_COLUMNS, CUSTOM_PREFIX, customColumnName, customFieldName, KEY_COLUMNS } from './columns.js';
export type { CellKind, ExportEntity } from './columns.js';
export { ALL_CUSTOM, parseFieldList } from './layout.js';
