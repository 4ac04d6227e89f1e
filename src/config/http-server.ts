/**
 * The node:http server's own limits (main.ts): how long a client may take to send its headers and
 * its whole request, and how many connections it may hold, in all and from one address. Node's
 * defaults (60 s for headers, 300 s for a request, no connection cap) let a few hosts hold sockets
 * and descriptors for minutes. A leaf, as index.ts is.
 */
import { ConfigError, type Env, parseInteger } from './parse';

export interface HttpServerSettings {
  /** Time to receive a request's headers; past it the connection is cut (HTTP_HEADERS_TIMEOUT_MS). @default 10000 */
  headersTimeoutMs: number;
  /**
   * Time to receive a whole request, body included (HTTP_REQUEST_TIMEOUT_MS); not less than the
   * headers timeout. @default UPSTREAM_TIMEOUT_MS + 5000, and at least the headers timeout
   */
  requestTimeoutMs: number;
  /** Open connections in all; past it new ones are dropped (HTTP_MAX_CONNECTIONS). @default 10000 */
  maxConnections: number;
  /** Open connections from one remote address (HTTP_MAX_CONNECTIONS_PER_ADDRESS). @default 256 */
  maxConnectionsPerAddress: number;
}

export function httpServerSettingsOf(env: Env, upstreamTimeoutMs: number): HttpServerSettings {
  const headersTimeoutMs = parseInteger(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000);
  const derived = Math.max(upstreamTimeoutMs + 5000, headersTimeoutMs);
  const requestTimeoutMs = parseInteger(env, 'HTTP_REQUEST_TIMEOUT_MS', derived, 1, 3_600_000);
  // node:http refuses a headers timeout longer than the request timeout.
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(
      'HTTP_REQUEST_TIMEOUT_MS',
      `must not be less than HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs})`,
    );
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    maxConnections: parseInteger(env, 'HTTP_MAX_CONNECTIONS', 10_000, 1, 1_000_000),
    maxConnectionsPerAddress: parseInteger(env, 'HTTP_MAX_CONNECTIONS_PER_ADDRESS', 256, 1, 1_000_000),
  };
}
