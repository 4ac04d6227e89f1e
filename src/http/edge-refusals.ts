/**
 * What the HTTP edge refuses before Yoga sees it (hardened-server.ts: bodies past REQUEST_MAX_BYTES,
 * connections past the caps) still shows: every refusal counts in `gateway_http_refused_total`
 * by reason, and the log says so at most once a second per reason, with how many it covers, so a
 * flood of refused connections cannot flood the log as well.
 */
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { EdgeRefusalListener, EdgeRefusalReason } from './hardened-server';

const MESSAGES: Record<EdgeRefusalReason, string> = {
  body_too_large: 'request body past REQUEST_MAX_BYTES: answered 413 and the connection closed',
  connections_per_address: 'connection past HTTP_MAX_CONNECTIONS_PER_ADDRESS: destroyed unread',
  max_connections: 'connection past HTTP_MAX_CONNECTIONS: destroyed unread',
};
const LOG_EVERY_MS = 1000;

export function edgeRefusals(
  logger: Logger,
  counter: Counter<'reason'>,
  now: () => number = Date.now,
): EdgeRefusalListener {
  const pending = new Map<EdgeRefusalReason, { count: number; since: number; address: string }>();
  const flush = (reason: EdgeRefusalReason): void => {
    const seen = pending.get(reason);
    if (!seen || seen.count === 0) return;
    logger.warn({ reason, refused: seen.count, lastAddress: seen.address }, MESSAGES[reason]);
    pending.set(reason, { count: 0, since: now(), address: '' });
  };
  return (reason, address) => {
    counter.inc({ reason });
    const seen = pending.get(reason);
    if (!seen) {
      // The first of its kind is told at once; those that follow within a second, once together.
      pending.set(reason, { count: 1, since: now(), address });
      flush(reason);
      return;
    }
    seen.count += 1;
    seen.address = address;
    if (seen.count === 1) {
      const wait = Math.max(0, seen.since + LOG_EVERY_MS - now());
      setTimeout(() => flush(reason), wait).unref();
    }
  };
}
