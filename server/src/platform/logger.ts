import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Paths redacted from every log line: secrets, tokens, auth codes, phone numbers, decrypted payloads. */
const REDACT = [
  'secret', '*.secret', 'token', '*.token', 'accessToken', '*.accessToken', 'authCode', '*.authCode',
  'phone', '*.phone', '*.*.phone', 'mobile', '*.mobile', 'email', '*.email', 'decrypted', '*.decrypted',
  'parameters', '*.parameters',
  'req.headers["x-interview-signature"]', 'req.headers.authorization', 'req.headers.cookie',
];

/** Properties of errors never logged: SQL parameters and driver copies of the statement and its values. */
const DROPPED_ERROR_KEYS = new Set(['parameters', 'driverError', 'sql', 'sqlMessage']);

/**
 * Text with candidate contact details taken out: e-mail addresses, phone-like numbers (7 or more digits,
 * or a formatted mainland mobile) and the value of MySQL's `Duplicate entry '…'`.
 */
export function scrubText(text: string): string {
  return text
    .replace(/Duplicate entry '(?:[^'\\]|\\.)*'/g, "Duplicate entry '[redacted]'")
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]')
    .replace(/(?<![\d.])\+?(?:1[3-9]\d[ -]\d{4}[ -]\d{4}|\d{7,})(?![\d.])/g, '[number]');
}

type SerializedError = Record<string, unknown>;

function scrubSerialized(error: SerializedError): SerializedError {
  const clean: SerializedError = {};
  for (const [key, value] of Object.entries(error)) {
    if (DROPPED_ERROR_KEYS.has(key)) continue;
    if (typeof value === 'string') clean[key] = scrubText(value);
    else if (key === 'aggregateErrors' && Array.isArray(value)) clean[key] = value.map((e) => (typeof e === 'object' && e !== null ? scrubSerialized(e as SerializedError) : e));
    else if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') clean[key] = scrubSerialized(value as SerializedError);
    else clean[key] = value;
  }
  return clean;
}

/**
 * pino's error serializer without what an error may carry about candidates: TypeORM's QueryFailedError
 * holds the statement's `parameters` and the driver's error (MySQL's with the statement, values inlined);
 * those are dropped, and every text left (message, stack, query, causes) is scrubbed of contact details.
 */
export function serializeError(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown;
  if (serialized === error || typeof serialized !== 'object' || serialized === null) return error;
  return scrubSerialized({ ...(serialized as SerializedError) });
}

/**
 * JSON lines for log collectors; readable, coloured lines when a person watches a terminal
 * (stdout is a TTY, e.g. `npm start`). `pretty` overrides the guess; `destination` (tests) replaces stdout.
 */
export function createLogger(level: string, name = 'server', options: { pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const pretty = !options.destination && (options.pretty ?? (process.stdout.isTTY === true && level !== 'silent'));
  const settings = {
    name,
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: { err: serializeError, error: serializeError },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
