import type { Config } from '../config.ts';

/** Where SMS goes out; tests stand a local HTTP server in for the gateway, never a fake of this class. */
export interface SmsProvider {
  send(to: string, text: string, opts?: { idempotencyKey?: string }): Promise<void>;
}

/**
 * An SMS gateway over HTTP: `POST <url>` with JSON `{to, text}`, a bearer token, and an
 * `Idempotency-Key` header so a send retried after a crash is delivered once by the gateway
 * (most gateways accept a client reference for this). Any 2xx is accepted; anything else throws,
 * and the reminder job retries with backoff.
 */
export class HttpSmsGateway implements SmsProvider {
  readonly #url: string;
  readonly #token: string | undefined;
  readonly #timeoutMs: number;

  constructor(url: string, opts: { token?: string | undefined; timeoutMs?: number } = {}) {
    this.#url = url;
    this.#token = opts.token;
    this.#timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async send(to: string, text: string, opts: { idempotencyKey?: string } = {}): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
    const res = await fetch(this.#url, { method: 'POST', headers, body: JSON.stringify({ to, text }), signal: AbortSignal.timeout(this.#timeoutMs) });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}

/** The gateway named by SMS_GATEWAY_URL (and SMS_GATEWAY_TOKEN), or none: SMS is then skipped. */
export function smsFromConfig(config: Config): HttpSmsGateway | undefined {
  return config.sms.gatewayUrl ? new HttpSmsGateway(config.sms.gatewayUrl, { token: config.sms.token }) : undefined;
}
