/**
 * Lost create answers (issue 13.4, 14.3): the look-up compares values as
 * Syncro may store them, and never takes a record that existed before the POST.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { findCreatedCustomer } from '../../src/syncro/create-recovery.js';
import { fieldsNotKept, matchesIdentity, samePhone } from '../../src/syncro/compare.js';
import { clientFor, dump, sandbox } from '../helpers/target.js';

let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

describe('create recovery', () => {
  it('60 creates with 30% of answers lost on a server storing phones digits-only: exactly 60 customers, no email twice', async () => {
    sb = await sandbox({ variants: { digitPhones: ['customers'] }, faults: { rateLostWrite: 0.3, seed: 7 } });
    const client = clientFor(sb);
    let recovered = 0;
    for (let i = 0; i < 60; i++) {
      const n = String(i).padStart(2, '0');
      const r = await client.createCustomer({
        business_name: `Client ${n} Services`,
        email: `c${n}@client${n}.example`,
        phone: `(212) 555-01${n}`,
        mobile: `+1 646-555-02${n}`,
      });
      if (r.recovered) recovered++;
    }
    const customers = (await dump(sb)).customers;
    expect(customers).toHaveLength(60);
    expect(new Set(customers.map((c) => c.email)).size).toBe(60);
    expect(recovered).toBeGreaterThan(5);
    expect(customers[0]!.phone).toMatch(/^\d+$/); // the variant is on: the server did rewrite the phones
  });

  it('a record read before the POST, or named in the known ids, is never taken for the one the POST made', async () => {
    sb = await sandbox();
    const client = clientFor(sb);
    const twin = (await client.createCustomer({ business_name: 'Acme Plumbing', email: 'office@acme.example' })).record;
    const payload = { business_name: 'Acme Plumbing', email: 'office@acme.example' };
    // No window: any matching record will do (what a resumed run with nothing known could say).
    expect((await findCreatedCustomer(client, payload))?.id).toBe(twin.id);
    // Known ids exclude it, and so does a created_at before the POST started (here: one minute from now).
    expect(await findCreatedCustomer(client, payload, { knownIds: new Set([twin.id]) })).toBeUndefined();
    expect(await findCreatedCustomer(client, payload, { startedAt: Date.now() + 60_000 })).toBeUndefined();
    // This client read it at seq 1 (its create's answer), before a POST starting at seq 5.
    const fresh = clientFor(sb);
    for await (const _ of fresh.customers({ email: 'office@acme.example' })) void _;
    expect(await findCreatedCustomer(fresh, payload, { readSeq: 5 })).toBeUndefined();
  });
});

describe('comparing what was sent with what Syncro stored', () => {
  it('phones agree across formatting, digits-only storage and a dropped country code', () => {
    expect(samePhone('555-0999', '5550999')).toBe(true);
    expect(samePhone('(212) 555-0199', '2125550199')).toBe(true);
    expect(samePhone('+44 20 7946 0958', '442079460958', 'US')).toBe(true);
    expect(samePhone('+44 20 7946 0958', '02079460958', 'GB')).toBe(true);
    expect(samePhone('(212) 555-0199', '(212) 555-0198')).toBe(false);
  });

  it('identity: email case, whitespace and the business-name key; disabled and custom fields do not decide it', () => {
    const stored = {
      id: 1,
      business_name: 'Smith & Jones, LLC',
      email: 'IT@Smith.example',
      notes: 'two  words',
      disabled: false,
      properties: {},
    };
    expect(
      matchesIdentity(stored, {
        business_name: 'Smith and Jones',
        email: 'it@smith.example ',
        notes: 'two words',
        disabled: true,
        properties: { Tier: 'Gold' },
      }),
    ).toBe(true);
    expect(matchesIdentity(stored, { business_name: 'Smith & Jones', email: 'other@smith.example' })).toBe(false);
  });

  it('fields not kept: disabled, custom fields and title absent from the record count; other write-only keys do not', () => {
    const record = { id: 1, name: 'Ann', properties: { Tier: 'Gold' } };
    expect(
      fieldsNotKept(record, { name: 'Ann', disabled: true, title: 'Owner', properties: { Tier: 'Gold', Region: 'West' }, api_key: 'x' }),
    ).toEqual(['disabled', 'title', 'properties.Region']);
    expect(fieldsNotKept({ id: 1, properties: { title: 'Owner' } }, { title: 'Owner' })).toEqual([]);
    expect(fieldsNotKept({ id: 1, title: 'Owner' }, { title: 'Owner' })).toEqual([]);
  });
});
