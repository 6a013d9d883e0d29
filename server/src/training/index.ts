/** What other features may use of training: assigning from the rules when a stage is entered, completions, the router, handlers and jobs. */
export { assignTraining, type AssignTrainingInput } from './assignTraining.js';
export { recordCompletion } from './recordCompletion.js';
export { saveTrainingRules } from './publishTrainingRules.js';
export { trainingRouter } from './routes.js';
export { trainingHandlers } from './handlers.js';
export { runTrainingJobs } from './jobs.js';
export { TRAINING_KINDS } from './kinds.js';
