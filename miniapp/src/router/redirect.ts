/** Where the login page goes afterwards: an in-app path from `?redirect=`, else the pending list. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/pending';
}
