/**
 * The gateway's node:http server with its edge limits (README "Security"): headers and whole
 * requests received in bounded time, connections capped in all and per address, and every body
 * counted against REQUEST_MAX_BYTES as it arrives (body-limit.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BodyLimit } from './body-limit';
import { capConnectionsPerAddress } from './connection-cap';

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
}

/** What the edge refuses before any handler sees it (edge-refusals.ts logs and counts them). */
export type EdgeRefusalReason = 'body_too_large' | 'connections_per_address' | 'max_connections';
export type EdgeRefusalListener = (reason: EdgeRefusalReason, address: string) => void;

export function createHardenedServer(
  limits: ServerLimits,
  body: BodyLimit,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  onRefused?: EdgeRefusalListener,
): Server {
  const server = createServer(
    {
      IncomingMessage: body.IncomingMessage,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node looks for overdue requests this often (30 s by default), so a timeout fires within
      // about a second of its time rather than up to 30 s late.
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    body.guard(handler),
  );
  server.maxConnections = limits.maxConnections;
  capConnectionsPerAddress(server, limits.maxConnectionsPerAddress, (address) =>
    onRefused?.('connections_per_address', address),
  );
  // Node drops a connection past maxConnections itself, and says so with 'drop'.
  server.on('drop', (data) => onRefused?.('max_connections', data?.remoteAddress ?? ''));
  return server;
}
