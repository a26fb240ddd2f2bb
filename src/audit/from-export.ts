/**
 * `audit --input`: an audit of an export file instead of a live snapshot.
 * Our own export (or Syncro's CSVs) carries Syncro ids: customers (`id`) and
 * contacts (`contact_id` with `customer_id`) become the snapshot the matcher
 * clusters. Rows without a Syncro id cannot be merged and are counted, not
 * guessed. An XLSX export is read sheet by sheet (Customers, Contacts).
 */
import { extname } from 'node:path';
import { isEtlError } from '../errors.js';
import { loadRecords } from '../ingest/load.js';
import type { CustomerRecord } from '../model/records.js';
import type { Snapshot } from '../syncro/snapshot.js';
import type { SyncroContact, SyncroCustomer } from '../syncro/types.js';

export interface ExportSnapshot {
  snapshot: Snapshot;
  /** Rows that had no Syncro id. */
  withoutId: number;
}

export async function snapshotFromExport(files: string[], now: () => Date = () => new Date()): Promise<ExportSnapshot> {
  const customers = new Map<number, SyncroCustomer>();
  const contacts = new Map<number, SyncroContact>();
  let withoutId = 0;
  for (const file of files) {
    for (const records of await readAllSheets(file)) {
      for (const r of records) {
        const id = r.customer.id;
        if (id === undefined) {
          withoutId += 1 + r.contacts.length;
          continue;
        }
        const { id: _id, properties, ...fields } = r.customer;
        // A contacts sheet names only the customer's id: keep a fuller record from the customers sheet.
        if (!customers.has(id) || Object.keys(fields).length > 0)
          customers.set(id, {
            ...(customers.get(id) ?? blankCustomer(id)),
            ...fields,
            ...(properties ? { properties } : {}),
          } as SyncroCustomer);
        for (const k of r.contacts) {
          if (k.contact.id === undefined) {
            withoutId++;
            continue;
          }
          const { id: contactId, title, properties: kp, ...kf } = k.contact;
          contacts.set(contactId, {
            ...blankContact(contactId, id),
            ...kf,
            properties: { ...(kp ?? {}), ...(title ? { title } : {}) },
          } as SyncroContact);
        }
      }
    }
  }
  return { snapshot: { takenAt: now().toISOString(), customers: [...customers.values()], contacts: [...contacts.values()] }, withoutId };
}

async function readAllSheets(file: string): Promise<CustomerRecord[][]> {
  if (extname(file).toLowerCase() !== '.xlsx') return [(await loadRecords([file])).customers];
  const out: CustomerRecord[][] = [];
  for (const sheet of ['Customers', 'Contacts']) {
    try {
      out.push((await loadRecords([file], { sheet })).customers);
    } catch (err) {
      if (!isEtlError(err, 'SHEET_NOT_FOUND')) throw err;
    }
  }
  return out.length ? out : [(await loadRecords([file])).customers];
}

function blankCustomer(id: number): Partial<SyncroCustomer> {
  return {
    id,
    business_name: null,
    firstname: null,
    lastname: null,
    email: null,
    properties: {},
    contacts: [],
    disabled: false,
    created_at: '',
    updated_at: '',
  };
}

function blankContact(id: number, customerId: number): Partial<SyncroContact> {
  return { id, customer_id: customerId, name: null, email: null, properties: {}, created_at: '', updated_at: '' };
}
