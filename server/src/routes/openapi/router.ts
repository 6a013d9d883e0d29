import Router from '@koa/router';
import type { AppDeps } from '../../app.js';
import { buildOpenApiDocument } from './document.js';

export function openApiRouter(deps: AppDeps): Router {
  const router = new Router();
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  router.get('/api/v1/openapi.json', (ctx) => {
    document ??= buildOpenApiDocument(deps.config.publicBaseUrl);
    ctx.body = document;
  });
  return router;
}
