/** The fuzzy customer linker the import uses: the matcher's, adapted to the planner. */
import type { CustomerLinker } from '../plan/linker.js';

export async function customerLinkerFor(): Promise<CustomerLinker> {
  const { matcherLinker } = await import('../plan/matcher-linker.js');
  return matcherLinker();
}
