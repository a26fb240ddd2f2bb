/** The fuzzy duplicate matcher: find duplicates within a set, link incoming records to existing ones. */
export type * from './types.js';
export { OUTCOMES } from './types.js';
export { findDuplicates } from './duplicates.js';
export type { DuplicatesOptions } from './duplicates.js';
export { linkRecords } from './link.js';
export { toMatchRecordFromContact, toMatchRecordFromCustomer, toMatchRecordFromCustomerWithContacts } from './records.js';
export { explanationText, probability } from './scoring.js';
export { DEFAULT_THRESHOLDS } from './engine.js';
export { DEDUPE_COLUMNS, dedupeRecords } from './dedupe.js';
export type { DedupeOptions, DedupeResult, DedupeRow } from './dedupe.js';
export { jaro, jaroWinkler, levenshteinRatio, soundex, weightedTokenSetSimilarity } from './similarity.js';
