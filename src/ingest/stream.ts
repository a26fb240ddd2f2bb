/**
 * The streaming path: open one file, choose its template (given or
 * detected), and yield every data row mapped and validated, one at a time,
 * without grouping (memory stays bounded: the 1M-row path).
 */
import { silentSink } from '../events.js';
import type { EventSink } from '../events.js';
import { flattenBatches } from '../read/flatten.js';
import { openTable } from '../read/index.js';
import type { Table } from '../read/types.js';
import { compileTemplate } from '../templates/compile.js';
import type { CompiledTemplate } from '../templates/compile.js';
import { detectTemplate } from '../templates/detect.js';
import { builtinTemplates, loadTemplate } from '../templates/registry.js';
import type { Template } from '../templates/schema.js';
import { loadTaxRates } from '../templates/tax-rates.js';
import type { TaxRateTable } from '../templates/tax-rates.js';
import type { CountryCode } from '../normalize/index.js';
import { createRowMapper } from './map-row.js';
import type { MappedRow } from './map-row.js';
import { parseNormalizeOptions } from './normalize-options.js';

export interface StreamOptions {
  /** Built-in template name or path of a template file; detected when left out. */
  template?: string | Template;
  sheet?: string | number;
  delimiter?: string;
  encoding?: string;
  defaultCountry?: string;
  taxRatesFile?: string;
  /** An already loaded tax-rate table (wins over taxRatesFile). */
  taxRates?: TaxRateTable;
  normalize?: string[];
  /** Custom field recording the customer type (overrides the template's). */
  customerTypeProperty?: string | null;
  onEvent?: EventSink;
}

export interface TemplateChoice {
  name: string;
  /** 0..1: how well the file's header fits the template (1 when given with --template). */
  confidence: number;
  detected: boolean;
}

/** An opened file with its template chosen; read either `rows` or `batches`, once. */
export interface MappedFile {
  table: Table;
  template: TemplateChoice;
  compiled: CompiledTemplate;
  rows: AsyncIterable<MappedRow>;
  /** The same rows in batches (one async step per batch). */
  batches: AsyncIterable<MappedRow[]>;
}

const PROGRESS_EVERY = 10_000;

/**
 * Open `file` and map its rows.
 * @example const f = await openMappedFile('export.csv'); for await (const r of f.rows) if (!r.valid) console.log(r.issues);
 */
export async function openMappedFile(file: string, options: StreamOptions = {}): Promise<MappedFile> {
  const onEvent = options.onEvent ?? silentSink;
  const readOpts = {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
  };
  const normalize = parseNormalizeOptions(options.normalize);
  const taxRates = options.taxRates ?? (options.taxRatesFile ? await loadTaxRates(options.taxRatesFile) : undefined);
  const given = typeof options.template === 'string' ? loadTemplate(options.template) : options.template;
  const table = await openTable(file, readOpts);
  let template: TemplateChoice;
  let chosen: Template;
  if (given) {
    chosen = given;
    template = { name: given.name, confidence: 1, detected: false };
  } else {
    let best;
    try {
      best = detectTemplate(builtinTemplates(), table.headers, file, table.otherSheets);
    } catch (err) {
      await table.close();
      throw err;
    }
    chosen = best.template;
    template = { name: best.name, confidence: best.confidence, detected: true };
  }
  const compiled = compileTemplate(chosen, table.headers);
  const map = createRowMapper(compiled, {
    normalize,
    defaultCountry: (options.defaultCountry ?? 'US').toUpperCase() as CountryCode,
    ...(taxRates ? { taxRates } : {}),
    ...(options.customerTypeProperty !== undefined ? { customerTypeProperty: options.customerTypeProperty } : {}),
  });
  async function* batches(): AsyncGenerator<MappedRow[]> {
    onEvent({ type: 'stage', stage: 'read', status: 'start', detail: file });
    let n = 0;
    let next = PROGRESS_EVERY;
    for await (const batch of table.batches()) {
      const out = new Array<MappedRow>(batch.length);
      for (let i = 0; i < batch.length; i++) out[i] = map(batch[i] as (typeof batch)[number]);
      n += batch.length;
      if (n >= next) {
        onEvent({ type: 'progress', stage: 'read', done: n });
        next = n + PROGRESS_EVERY;
      }
      yield out;
    }
    onEvent({ type: 'progress', stage: 'read', done: n });
    onEvent({ type: 'stage', stage: 'read', status: 'done', detail: `${file}: ${n} rows` });
  }
  let opened = false;
  const once = (): AsyncGenerator<MappedRow[]> => {
    if (opened) throw new Error(`the rows of ${file} can be read only once`);
    opened = true;
    return batches();
  };
  return {
    table,
    template,
    compiled,
    get batches() {
      return once();
    },
    get rows() {
      return flattenBatches(once());
    },
  };
}

/**
 * Every row of `file`, mapped and validated (valid and rejected alike), no grouping.
 * @example for await (const r of streamMappedRows('big.csv', { template: 'generic' })) count += r.valid ? 1 : 0;
 */
export function streamMappedRows(file: string, options: StreamOptions = {}): AsyncGenerator<MappedRow, void, undefined> {
  // The file is opened on the first request, as an async generator would; rows are then handed out of their batches without a promise hop per row.
  async function* batches(): AsyncGenerator<MappedRow[]> {
    const opened = await openMappedFile(file, options);
    yield* opened.batches;
  }
  return flattenBatches(batches());
}
