/**
 * Plan options are typed by the plan schema (issue 15): an import's field
 * policy and an audit's survivorship are read back exactly, and a plan whose
 * options this version cannot type is refused before anything is applied,
 * naming the option. Version 1 stays readable: the types describe what every
 * v1 writer wrote, so such a plan reads back byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { isEtlError } from '../../src/errors.js';
import { parsePlan, serializePlan } from '../../src/plan/io.js';
import type { Plan } from '../../src/plan/schema.js';
import { buildAuditPlan } from '../report/audit-fixture.js';
import { buildPlan } from '../report/plan-fixture.js';

/** parsePlan's error for `text`, or undefined when it reads. */
function refusal(text: string): { code: string; message: string } | undefined {
  try {
    parsePlan(text);
    return undefined;
  } catch (err) {
    if (!isEtlError(err)) throw err;
    return { code: err.code, message: err.message };
  }
}

/** The plan's JSON with its options changed by `edit`. */
function withOptions(plan: Plan, edit: (options: Record<string, unknown>) => void): string {
  const raw = JSON.parse(serializePlan(plan)) as { options: Record<string, unknown> };
  edit(raw.options);
  return JSON.stringify(raw);
}

describe('plan options as a typed part of the plan', () => {
  it('an import plan with per-field modes, and an audit plan, read back byte for byte (version 1 needs no migration)', () => {
    const imported = buildPlan({
      options: {
        blank: 'clear',
        update: 'fill',
        fields: { notes: 'never', email: 'overwrite' },
        inFileDuplicates: 'merge',
        rateLimit: 180,
        country: 'GB',
      },
    });
    for (const plan of [imported, buildAuditPlan()]) {
      const text = serializePlan(plan);
      expect(serializePlan(parsePlan(text))).toBe(text);
    }
    const back = parsePlan(serializePlan(imported));
    expect(back.command === 'import' && back.options.fields).toEqual({ notes: 'never', email: 'overwrite' });
  });

  it('a field mode this version does not know is refused, naming the field (it was read as Json and dropped at apply)', () => {
    const r = refusal(withOptions(buildPlan(), (o) => (o.fields = { notes: 'sometimes' })));
    expect(r?.code).toBe('PLAN_INVALID');
    expect(r?.message).toMatch(/options\.fields\.notes/);
  });

  it('an option this version does not know is refused, not ignored', () => {
    const r = refusal(withOptions(buildPlan(), (o) => (o.phoneFormat = 'e164')));
    expect(r?.code).toBe('PLAN_INVALID');
    expect(r?.message).toMatch(/phoneFormat/);
  });

  it("an audit plan's options are the audit's: import options there, or a missing survivor order, are refused", () => {
    const audit = buildAuditPlan();
    expect(refusal(withOptions(audit, (o) => Object.assign(o, { blank: 'skip' })))?.message).toMatch(/blank/);
    expect(refusal(withOptions(audit, (o) => delete o.survivor))?.message).toMatch(/options\.survivor/);
    expect(refusal(withOptions(audit, (o) => (o.finally = 'archive')))?.message).toMatch(/options\.finally/);
  });

  it('an import plan without its blank or update mode is refused (apply would have to guess them)', () => {
    expect(refusal(withOptions(buildPlan(), (o) => delete o.blank))?.message).toMatch(/options\.blank/);
    expect(refusal(withOptions(buildPlan(), (o) => (o.update = 'merge')))?.message).toMatch(/options\.update/);
  });
});
