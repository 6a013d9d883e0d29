import Router from '@koa/router';
import { issueToken } from '../auth.js';
import type { SandboxDeps } from '../deps.js';
import { apiError, body, oapiError } from '../http.js';

/** App access tokens (DINGTALK.md §1.1–1.2). */
export function oauthRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const matches = (key: unknown, secret: unknown) => key === deps.appKey && secret === deps.appSecret;

  router.post('/v1.0/oauth2/accessToken', (ctx) => {
    const { appKey, appSecret } = body(ctx);
    if (!matches(appKey, appSecret)) throw apiError(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
    const { token, expiresIn } = issueToken(deps.tokens);
    ctx.body = { accessToken: token, expireIn: expiresIn };
  });

  router.post('/v1.0/oauth2/:corpId/token', (ctx) => {
    const { client_id: clientId, client_secret: clientSecret, grant_type: grantType } = body(ctx);
    if (ctx.params.corpId !== deps.corpId || grantType !== 'client_credentials' || !matches(clientId, clientSecret)) {
      throw apiError(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
    }
    const { token, expiresIn } = issueToken(deps.tokens);
    ctx.body = { access_token: token, expires_in: expiresIn };
  });

  router.get('/gettoken', (ctx) => {
    if (!matches(ctx.query.appkey, ctx.query.appsecret)) throw oapiError(40089, '不合法的corpid或corpsecret');
    const { token, expiresIn } = issueToken(deps.tokens);
    ctx.body = { errcode: 0, errmsg: 'ok', access_token: token, expires_in: expiresIn };
  });

  return router;
}
