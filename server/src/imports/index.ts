/** What other features and scripts may use of imports: the router, the operations, the sheet reader (CLI). */
export { importsRouter } from './routes.js';
export { importHistory } from './importHistory.js';
export { importPerformance, type PerformanceRow } from './importPerformance.js';
export { importPerformanceFile } from './importPerformanceFile.js';
export { readPerformanceSheet } from './readPerformanceSheet.js';
