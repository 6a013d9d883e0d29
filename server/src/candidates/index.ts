/** What other features may use of candidates: access scope, masking, stage transitions, application lookups. */
export { candidatesRouter } from './routes.js';
export { findVisibleApplication, summariesOf, unique, userNames } from './queries.js';
export { canViewPosition, phoneFor, seesContactDetails, visiblePositions } from './scope.js';
export { transitionStage, type TransitionInput } from './transitionStage.js';
export { isReserveSupervisor, presentTrainingAssignment } from './presenters.js';
