export * from './types.js';
export * from './errors.js';
export * from './config.js';
export * from './limiter.js';
export * from './http.js';
export * from './paging.js';
export * from './client.js';
export * from './create-recovery.js';
