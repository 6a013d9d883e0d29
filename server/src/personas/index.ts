/** What other features may use of personas: creating positions (seed, scripts), finding one, and publishing models (calibration too). */
export { personasRouter } from './routes.js';
export { createPosition, type CreatePositionInput } from './createPosition.js';
export { publishEvaluationModel } from './publishEvaluationModel.js';
export { publishPersona } from './publishPersona.js';
export { findPositionByCode } from './queries.js';
export { PERSONA_EDITORS } from './access.js';
