export * from './fields.js';
export * from './source.js';
export * from './customer.js';
export * from './contact.js';
export * from './records.js';
