/** What other features may use of personas: creating positions (seed, scripts) and publishing models. */
export { personasRouter } from './routes.js';
export { createPosition, type CreatePositionInput } from './createPosition.js';
export { publishEvaluationModel } from './publishEvaluationModel.js';
