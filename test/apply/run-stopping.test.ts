/**
 * Errors that make every later write pointless (the key refused, an answer we
 * cannot rely on, a redirect, the shared limiter gone) stop the whole run;
 * any other error fails only its own operation.
 */
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../src/apply/operations.js';
import type { OpContext } from '../../src/apply/operations.js';
import { RUN_STOPPING_CODES } from '../../src/apply/outcome.js';
import type { StepRunner } from '../../src/apply/steps.js';
import { SyncroEtlError } from '../../src/errors.js';
import type { ErrorCode } from '../../src/errors.js';
import type { OperationOf } from '../../src/plan/schema.js';

const deleteOp: OperationOf<'delete-contact'> = {
  id: 'op-delete-1',
  kind: 'delete-contact',
  label: 'Contact Old Reception',
  sources: [],
  dependsOn: [],
  targetId: 88004,
  before: { id: 88004, customer_id: 1042, name: 'Old Reception', updated_at: '2024-05-01T10:00:00Z' },
};

/** A context whose only write step throws `code`. */
function contextFailingWith(code: ErrorCode): OpContext {
  const steps = {
    run: () => Promise.reject(new SyncroEtlError(code, `failed with ${code}`)),
  } as unknown as StepRunner;
  return {
    client: {} as OpContext['client'],
    steps,
    policy: { blank: 'skip', update: 'fill' } as OpContext['policy'],
    customerIdOf: () => undefined,
    recordCreated: () => undefined,
    decision: () => undefined,
  };
}

describe('run-stopping errors', () => {
  it.each(RUN_STOPPING_CODES)('%s stops the run (thrown, not a failed operation)', async (code) => {
    await expect(executeOperation(deleteOp, contextFailingWith(code))).rejects.toMatchObject({ code });
  });

  it('includes a lost shared limiter: every later request would fail the same way', () => {
    expect(RUN_STOPPING_CODES).toContain('REDIS_UNREACHABLE');
  });

  it('another error fails only its own operation', async () => {
    const r = await executeOperation(deleteOp, contextFailingWith('API_NOT_FOUND'));
    expect(r.outcome).toBe('failed');
    expect(r.message).toContain('API_NOT_FOUND');
  });
});
