import type Router from '@koa/router';
import type { AppDeps } from '../../app.js';
import { adminRouter } from './admin/router.js';
import { applicationsRouter } from './applications/router.js';
import { authRouter } from './auth/router.js';
import { positionsRouter } from './positions/router.js';
import { recordingsRouter } from './recordings/router.js';
import { reviewsRouter } from './reviews/router.js';

/** The H5 app's API (`/api/v1`): sessions, candidate files, recordings, reviews, personas. */
export function appApiRouters(deps: AppDeps): Router[] {
  return [authRouter(deps), applicationsRouter(deps), reviewsRouter(deps), recordingsRouter(deps), positionsRouter(deps), adminRouter(deps)];
}
