import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Code must never pass PHI to the logger; the redaction list is a second line of
 * defence for the field names most likely to carry it by accident.
 */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    base: { pid: process.pid, service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', 'body', 'text', 'answers', 'email', '*.password', '*.body', '*.text', '*.answers', '*.name', '*.email', 'req.headers.cookie', 'headers.cookie'],
      censor: '[redacted]',
    },
  });
}
