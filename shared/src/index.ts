export * from './dimensions.js';
export * from './stages.js';
export * from './errors.js';
export * from './ingestion.js';
export * from './scoring.js';
export * from './signature.js';
export * from './review.js';
export * from './api.js';
