/**
 * The sandbox's public API: a local Syncro-compatible server, its handler,
 * store, seeding and the types that configure it. See README.md here.
 */
export { startSandbox } from './server.js';
export type { RunningSandbox } from './server.js';
export { createSandboxHandler } from './handler.js';
export type { SandboxHandler, SandboxHandlerOptions } from './handler.js';
export { SandboxStore, TABLES } from './store.js';
export type { StoredRow, TableName } from './store.js';
export { parseSeed, readSeedFile, seedStore, SandboxSeedSchema } from './seed.js';
export { dumpStore } from './admin.js';
export type { SandboxDump } from './admin.js';
export { mulberry32, parseFaults } from './faults.js';
export { ALL_VARIANTS, IGNORABLE_FILTERS, parseVariantFlags, parseVariants, SandboxVariantsSchema } from './variants.js';
export type { IgnorableFilter, SandboxVariants, VariantResource } from './variants.js';
export { MAINTENANCE_HTML } from './variant-apply.js';
export type {
  SandboxFaults,
  SandboxOptions,
  SandboxSeed,
  SandboxStats,
  SeedContact,
  SeedCustomer,
  SeedLinked,
  SeedResult,
} from './types.js';
