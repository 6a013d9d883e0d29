/** What other features may use of the review workflow. */
export { reviewRouter } from './routes.js';
export { reviewHandlers } from './handlers.js';
export { runReviewJobs } from './jobs.js';
export { REVIEW_KINDS, reviewRequestedEffect } from './kinds.js';
export { decideReview, type DecideInput, type DecideOutcome } from './decideReview.js';
export { buildVendorRequest, type VendorSupplementaryRequest } from './sendVendorRequest.js';
