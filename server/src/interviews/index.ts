/** What other features may use of interviews: ingestion (seed, scripts), recordings, re-scoring (personas). */
export { interviewsRouter } from './routes.js';
export { ingestInterviewResult, normalizePhone, shanghaiDate, type IngestOutcome } from './ingestInterviewResult.js';
export { storeRecording } from './storeRecording.js';
export { rescoreApplications, type RescoreOutcome } from './rescoreApplications.js';
