/**
 * Addresses of the H5 app's pages, for notices and todos. The app uses hash routing under `/app/`
 * (see miniapp/src/router): DingTalk and the server only ever load `/app/` itself.
 */
export function appPageUrl(publicBaseUrl: string, route: string): string {
  return `${publicBaseUrl}/app/#${route}`;
}

/** The candidate file of an application. */
export function fileUrl(publicBaseUrl: string, applicationId: string): string {
  return appPageUrl(publicBaseUrl, `/applications/${applicationId}`);
}
