/**
 * `doctor --write-test`: a scratch customer and contact are created with the
 * values Syncro is unclear about (a formatted phone, a custom field, a
 * contact title, `disabled` on PUT), read back, compared, and deleted. What
 * Syncro changed or ignored goes into the findings and the profile. Deletion
 * runs whatever happened before it; a delete that fails is reported with the
 * id to remove by hand.
 */
import { DISABLED_UNLISTED } from '../syncro/profile.js';
import type { ServerProfile } from '../syncro/profile.js';
import { asObject, describeAnswer } from './probe.js';
import type { Prober, RawAnswer } from './probe.js';
import type { DoctorReport, Findings } from './types.js';

export const SCRATCH_PHONE = '(555) 010-0999';
const SCRATCH_PHONE_DIGITS = '5550100999';
const TITLE = 'Doctor Check Title';
const CUSTOM_VALUE = 'doctor check';

/** The record in an answer, wrapped under `key` or flat. */
function recordOf(a: RawAnswer, key: string): Record<string, unknown> | undefined {
  const body = asObject(a.json);
  const inner = asObject(body?.[key]);
  if (typeof inner?.id === 'number') return inner;
  return typeof body?.id === 'number' ? body : undefined;
}

export interface WriteTestOptions {
  /** The custom field written on the customer (an account keeps only fields it defines). */
  customField: string;
  /** Distinguishes this run's scratch records. */
  stamp: string;
}

export async function writeTest(
  prober: Prober,
  findings: Findings,
  profile: ServerProfile,
  o: WriteTestOptions,
  leftBehind: DoctorReport['leftBehind'],
): Promise<void> {
  const email = `syncro-etl-doctor-${o.stamp}@example.com`;
  const created = await prober.call('POST', 'customers', {
    body: {
      business_name: `syncro-etl doctor scratch ${o.stamp}`,
      firstname: 'Doctor',
      lastname: 'Scratch',
      email,
      phone: SCRATCH_PHONE,
      properties: { [o.customField]: CUSTOM_VALUE },
    },
  });
  const customer = recordOf(created, 'customer');
  if (!customer) {
    findings.add(
      'writes',
      'create a scratch customer',
      'fail',
      'failed',
      `POST /customers: ${describeAnswer(created)} ${created.excerpt.slice(0, 120)}`,
    );
    return;
  }
  const customerId = customer.id as number;
  let contactId: number | undefined;
  try {
    findings.add(
      'writes',
      'create a scratch customer',
      'ok',
      `#${customerId}`,
      `answered ${asObject(created.json)?.customer ? 'wrapped' : 'flat'}`,
    );
    const put = await prober.call('PUT', `customers/${customerId}`, { body: { disabled: true } });
    const afterPut = recordOf(put, 'customer');
    const back = recordOf(await prober.call('GET', `customers/${customerId}`), 'customer');
    judgeCustomer(findings, profile, o, back);
    if (back?.disabled === true) await judgeIncludeDisabled(prober, findings, profile, email, customerId);

    const contact = await prober.call('POST', 'contacts', {
      body: { customer_id: customerId, name: 'Doctor Scratch Contact', title: TITLE, phone: SCRATCH_PHONE, email },
    });
    const k = recordOf(contact, 'contact');
    if (!k)
      findings.add(
        'writes',
        'create a scratch contact',
        'fail',
        'failed',
        `POST /contacts: ${describeAnswer(contact)} ${contact.excerpt.slice(0, 120)}`,
      );
    else {
      contactId = k.id as number;
      judgeContact(findings, profile, recordOf(await prober.call('GET', `contacts/${contactId}`), 'contact'));
    }
    // Some seconds after our PUT: did anything but us move updated_at?
    const later = recordOf(await prober.call('GET', `customers/${customerId}`), 'customer');
    const touched = afterPut?.updated_at !== undefined && later?.updated_at !== afterPut.updated_at;
    findings.add(
      'writes',
      'updated_at after our write',
      touched ? 'differs' : 'ok',
      touched ? 'moved later' : 'unchanged',
      touched
        ? `answered ${String(afterPut?.updated_at)}, read back ${String(later?.updated_at)}: a background job touches records; undo compares the fields it wrote`
        : 'no background touch seen',
    );
  } finally {
    await remove(prober, findings, 'contacts', contactId, leftBehind);
    await remove(prober, findings, 'customers', customerId, leftBehind);
  }
}

function judgeCustomer(findings: Findings, profile: ServerProfile, o: WriteTestOptions, back: Record<string, unknown> | undefined): void {
  const disabled = back?.disabled === true;
  profile.writes.disabled = disabled ? 'honoured' : 'ignored';
  findings.add(
    'writes',
    'disabled on PUT /customers',
    disabled ? 'ok' : 'differs',
    disabled ? 'kept' : 'NOT kept',
    disabled ? 'read back disabled' : 'read back enabled: a disable is reported "not applied by Syncro"',
  );
  const phone = back?.phone;
  profile.phones = phone === SCRATCH_PHONE ? 'as-sent' : phone === SCRATCH_PHONE_DIGITS ? 'digits-only' : 'other';
  findings.add(
    'writes',
    'phone format',
    profile.phones === 'as-sent' ? 'ok' : 'differs',
    profile.phones,
    `sent "${SCRATCH_PHONE}", read back ${JSON.stringify(phone)}; matching compares digits`,
  );
  const props = asObject(back?.properties) ?? {};
  const kept = props[o.customField] === CUSTOM_VALUE;
  profile.writes.customFields = kept ? 'honoured' : 'ignored';
  findings.add(
    'writes',
    `custom field "${o.customField}"`,
    kept ? 'ok' : 'differs',
    kept ? 'kept' : 'NOT kept',
    kept
      ? 'read back as written'
      : 'not read back: the account may not define this field (try --custom-field with one it does); such writes are reported "not applied by Syncro"',
  );
}

function judgeContact(findings: Findings, profile: ServerProfile, back: Record<string, unknown> | undefined): void {
  const props = asObject(back?.properties) ?? {};
  const where = props.title === TITLE ? 'properties' : back?.title === TITLE ? 'top-level' : 'ignored';
  profile.writes.contactTitle = where;
  findings.add(
    'writes',
    'contact title',
    where === 'properties' ? 'ok' : 'differs',
    where === 'ignored' ? 'NOT kept' : where,
    where === 'properties' ? 'kept as properties.title' : where === 'top-level' ? 'kept as a top-level "title"' : 'not read back anywhere',
  );
}

/** With the scratch customer disabled: listed only with include_disabled=true? */
async function judgeIncludeDisabled(prober: Prober, findings: Findings, profile: ServerProfile, email: string, id: number): Promise<void> {
  if (profile.filters['customers.email'] !== 'honoured' || profile.filters['customers.include_disabled'] !== 'unknown') return;
  const listed = async (query: Record<string, string>) => {
    const body = asObject((await prober.call('GET', 'customers', { query: { email, ...query } })).json);
    return Array.isArray(body?.customers) && body.customers.some((c) => asObject(c)?.id === id);
  };
  const withFlag = await listed({ include_disabled: 'true' });
  const without = await listed({});
  const honoured = withFlag && !without;
  profile.filters['customers.include_disabled'] = honoured ? 'honoured' : 'ignored';
  profile.disabledUnlisted = !withFlag && !without;
  findings.add(
    'filters',
    'include_disabled on customers (scratch)',
    honoured ? 'ok' : 'differs',
    honoured ? 'honoured' : 'NOT honoured',
    honoured
      ? 'the disabled scratch customer is listed only with include_disabled=true'
      : withFlag
        ? 'the disabled scratch customer is listed without include_disabled=true too'
        : `the disabled scratch customer is not listed, with include_disabled=true or without: ${DISABLED_UNLISTED}`,
  );
}

async function remove(
  prober: Prober,
  findings: Findings,
  resource: 'customers' | 'contacts',
  id: number | undefined,
  leftBehind: DoctorReport['leftBehind'],
): Promise<void> {
  if (id === undefined) return;
  let detail: string;
  try {
    const del = await prober.call('DELETE', `${resource}/${id}`);
    const check = await prober.call('GET', `${resource}/${id}`);
    if (check.status === 404) {
      findings.add('writes', `delete scratch ${resource === 'customers' ? 'customer' : 'contact'}`, 'ok', 'deleted', `#${id}`);
      return;
    }
    detail = `DELETE answered ${describeAnswer(del)}, yet GET answers ${check.status}`;
  } catch (err) {
    detail = `no answer: ${(err as Error).message}`;
  }
  leftBehind.push({ resource, id });
  findings.add(
    'writes',
    `delete scratch ${resource === 'customers' ? 'customer' : 'contact'}`,
    'fail',
    'NOT deleted',
    `#${id} is still there (${detail}); delete it in Syncro by hand`,
  );
}
