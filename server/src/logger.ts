import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths redacted from every log line: secrets, tokens, auth codes, phone numbers, decrypted payloads. */
const REDACT = [
  'secret', '*.secret', 'token', '*.token', 'accessToken', '*.accessToken', 'authCode', '*.authCode',
  'phone', '*.phone', '*.*.phone', 'mobile', '*.mobile', 'decrypted', '*.decrypted',
  'req.headers["x-interview-signature"]', 'req.headers.authorization', 'req.headers.cookie',
];

export function createLogger(level: string, name = 'server'): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: '[redacted]' } });
}
