import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths redacted from every log line: secrets, tokens, auth codes, phone numbers, decrypted payloads. */
const REDACT = [
  'secret', '*.secret', 'token', '*.token', 'accessToken', '*.accessToken', 'authCode', '*.authCode',
  'phone', '*.phone', '*.*.phone', 'mobile', '*.mobile', 'decrypted', '*.decrypted',
  'req.headers["x-interview-signature"]', 'req.headers.authorization', 'req.headers.cookie',
];

/**
 * JSON lines for log collectors; readable, coloured lines when a person watches a terminal
 * (stdout is a TTY, e.g. `npm start`). `pretty` overrides the guess.
 */
export function createLogger(level: string, name = 'server', options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && level !== 'silent');
  return pino({
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}
