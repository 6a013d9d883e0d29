import type { ClientConfig, SessionInfo } from '@aireview/shared';
import { request, send } from './http';

export function getClientConfig(): Promise<ClientConfig> {
  return request<ClientConfig>('/client-config');
}

/** Exchanges a DingTalk (or sandbox) auth code for a session. */
export function createSession(authCode: string): Promise<SessionInfo> {
  return request<SessionInfo>('/auth/dingtalk', { method: 'POST', body: { authCode }, quietUnauthenticated: true });
}

/** The current session (the httpOnly cookie). */
export function getMe(): Promise<SessionInfo> {
  return request<SessionInfo>('/me', { quietUnauthenticated: true });
}

export function deleteSession(): Promise<void> {
  return send('/auth/logout', { method: 'POST', quietUnauthenticated: true });
}

/** Sandbox mode only: a one-time auth code for a demo user, as DingTalk's JSAPI would give. */
export function createSandboxCode(userId: string): Promise<{ code: string }> {
  return request<{ code: string }>('/auth/sandbox-code', { method: 'POST', body: { userId }, quietUnauthenticated: true });
}
