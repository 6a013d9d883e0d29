import type { Config } from '../platform/config.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { buildOpenApiDocument } from './document.js';

/** The OpenAPI document of every public endpoint, built once on first request. */
export function openApiRouter(settings: Pick<Config, 'publicBaseUrl'>): AppRouter {
  const router = createRouter();
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  router.get('/api/v1/openapi.json', (ctx) => {
    document ??= buildOpenApiDocument(settings.publicBaseUrl);
    ctx.body = document;
  });
  return router;
}
