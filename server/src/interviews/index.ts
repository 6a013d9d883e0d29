/** What other features may use of interviews: ingestion (seed, scripts, history import), recordings, re-scoring (personas), request signing checks. */
export { interviewsRouter } from './routes.js';
export { ingestInterviewResult, normalizePhone, shanghaiDate, writeInterviewResult, type IngestOutcome } from './ingestInterviewResult.js';
export { storeRecording } from './storeRecording.js';
/** The signed-request checks, for other signed endpoints (the imports, with their own secret). */
export { signatureHeaders, verifiedBody } from './vendorSignature.js';
export { rescoreApplications, type RescoreOutcome } from './rescoreApplications.js';
