import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Redis } from 'ioredis';
import type { Keyer } from './redis.ts';

const LATENESS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * Prometheus metrics for one server process. Job lateness is measured in the worker processes and kept
 * in Redis as histogram buckets, so one scrape of any server shows the whole cluster's lateness.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'wayfinder_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly sockets = new Gauge({ name: 'wayfinder_sockets_connected', help: 'Open socket.io connections on this process', registers: [this.registry] });
  readonly socketEvents = new Counter({
    name: 'wayfinder_socket_events_total',
    help: 'Socket events handled, by event and outcome',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'wayfinder_queue_jobs',
    help: 'BullMQ jobs by queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  #noticesHeardAt: () => number = () => -Infinity;
  /** Over 1 s: this process has not proved it heard every recent people change, so its people cache is bypassed (decision 0021). */
  readonly noticesHeardAge: Gauge = new Gauge({
    name: 'wayfinder_people_notices_heard_age_seconds',
    help: 'Seconds since the last instant before which every change to people was heard by this process (over 1: people cache bypassed)',
    registers: [this.registry],
    collect: (): void => this.noticesHeardAge.set(Math.max(0, (Date.now() - this.#noticesHeardAt()) / 1000)),
  });

  /**
   * Where the notice channel's progress is read at scrape time (the people cache of this process). Read once
   * now, so the cache starts listening when the server starts rather than at its first request.
   */
  watchNotices(heardAt: () => number) {
    this.#noticesHeardAt = heardAt;
    heardAt();
  }

  constructor(opts: { defaults?: boolean } = {}) {
    if (opts.defaults !== false) collectDefaultMetrics({ register: this.registry, prefix: 'wayfinder_' });
  }

  async render(extra: { queueDepths?: () => Promise<Array<{ queue: string; state: string; count: number }>>; redis?: Redis; key?: Keyer }): Promise<string> {
    if (extra.queueDepths) {
      this.queueDepth.reset();
      for (const d of await extra.queueDepths()) this.queueDepth.set({ queue: d.queue, state: d.state }, d.count);
    }
    let text = await this.registry.metrics();
    if (extra.redis && extra.key) text += await renderLateness(extra.redis, extra.key);
    return text;
  }
}

const latenessKey = (key: Keyer, queue: string) => key('metrics', 'lateness', queue);

/** Called by workers when a scheduled job starts: how late it is against the time it was due. */
export async function recordJobLateness(redis: Redis, key: Keyer, queue: string, latenessMs: number): Promise<void> {
  const seconds = Math.max(0, latenessMs) / 1000;
  const multi = redis.multi();
  const k = latenessKey(key, queue);
  for (const b of LATENESS_BUCKETS) if (seconds <= b) multi.hincrby(k, `le:${b}`, 1);
  multi.hincrby(k, 'count', 1).hincrbyfloat(k, 'sum', seconds).sadd(key('metrics', 'lateness-queues'), queue);
  await multi.exec();
}

async function renderLateness(redis: Redis, key: Keyer): Promise<string> {
  const queues = await redis.smembers(key('metrics', 'lateness-queues'));
  const name = 'wayfinder_job_lateness_seconds';
  const lines = [`# HELP ${name} How late scheduled jobs started against their due time`, `# TYPE ${name} histogram`];
  for (const queue of queues.sort()) {
    const h = await redis.hgetall(latenessKey(key, queue));
    for (const b of LATENESS_BUCKETS) lines.push(`${name}_bucket{queue="${queue}",le="${b}"} ${h[`le:${b}`] ?? 0}`);
    lines.push(`${name}_bucket{queue="${queue}",le="+Inf"} ${h.count ?? 0}`);
    lines.push(`${name}_sum{queue="${queue}"} ${h.sum ?? 0}`, `${name}_count{queue="${queue}"} ${h.count ?? 0}`);
  }
  return `${lines.join('\n')}\n`;
}
