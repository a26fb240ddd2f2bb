/** Normalizers: pure functions from messy cell text to values and match keys. */
export * from './email.js';
export * from './phone.js';
export * from './name.js';
export * from './region.js';
export * from './company.js';
export * from './text.js';
