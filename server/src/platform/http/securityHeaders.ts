import type { Middleware } from 'koa';
import helmet from 'koa-helmet';
import type { Config } from '../config.js';
import { DINGTALK_FRAME_ANCESTORS } from '../dingtalk/hosts.js';

/** Who may frame the app: ourselves and DingTalk's desktop client (see DINGTALK_FRAME_ANCESTORS). */
export const FRAME_ANCESTORS = ["'self'", ...DINGTALK_FRAME_ANCESTORS] as const;

/** One year, in seconds. */
const HSTS_MAX_AGE_S = 365 * 24 * 60 * 60;

/**
 * The policy of the built H5 app (Vue + Vant + ECharts from Vite): its scripts and styles are files of
 * our own origin (no inline script or style element), Vant's icon font is a data: URL in its CSS, the
 * favicon is `data:,`, audio and API calls go to our own /api/v1. frame-src also admits https: and the
 * wvjbscheme: scheme because WebViewJavascriptBridge-style native bridges signal through hidden iframes
 * to such URLs; scripts stay restricted to our own files.
 */
function directives(https: boolean): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    mediaSrc: ["'self'"],
    connectSrc: ["'self'"],
    frameSrc: ["'self'", 'https:', 'wvjbscheme:'],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: [...FRAME_ANCESTORS],
    // Over plain http (a phone on the LAN in a demo) upgrading would break every asset.
    ...(https ? { upgradeInsecureRequests: [] } : {}),
  };
}

/**
 * Security headers on every response (API JSON, errors, 404s and the H5 app alike), from helmet:
 * the CSP above, `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`, and HSTS only
 * when PUBLIC_BASE_URL is https. No X-Frame-Options: its SAMEORIGIN would contradict frame-ancestors
 * for DingTalk's desktop client on engines that honour only the older header.
 */
export function securityHeaders(settings: Pick<Config, 'publicBaseUrl'>): Middleware {
  const https = new URL(settings.publicBaseUrl).protocol === 'https:';
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(https) },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_S, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xContentTypeOptions: true,
    xFrameOptions: false,
  });
  return async function securityHeadersMiddleware(ctx, next) {
    await headers(ctx, next);
  };
}
