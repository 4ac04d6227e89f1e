/**
 * One registry request past the caches, guarded as the API's calls are (ecr/guard/guarded-call.ts):
 * the request's budget (QUERY_MAX_COST, ECR Public and registry together) -> a circuit breaker of
 * the registry's own -> a slot of REGISTRY_MAX_RPS, taken right before the request leaves -> the
 * request with a deadline, its body read whole. Each request is counted in the request's
 * `registryCalls` by kind. 429 and 5xx fail here (and count for the breaker); every other status is
 * the caller's to read (401 starts the token flow, 307 leads to a blob).
 */
import CircuitBreaker from 'opossum';
import { heldLocally, isBreakerFault } from '../ecr/guard/breaker-faults';
import { type CallStats, spendBudget } from '../ecr/guard/call-stats';
import type { RateLimiter } from '../ecr/guard/rate-limit';
import { ErrorCode, GatewayError } from '../errors';
import { type RegistryCallKind, registryHttpError, registryNetworkError } from './errors';

/** `fetch`, or the embedded emulator's in-process twin (in-process.ts). Never follows redirects itself. */
export type RegistryFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<Response>;

export interface RegistryAnswer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface TransportOptions {
  fetch: RegistryFetch;
  /** Deadline of one request, its wait for a slot included (UPSTREAM_TIMEOUT_MS). */
  timeoutMs: number;
  limiter: RateLimiter;
  /** How long the breaker stays open. @default 5000 */
  breakerResetMs?: number;
  /** The most bytes read of one answer; a longer one is refused. @default 8 MiB */
  maxBodyBytes?: number;
}

export interface Transport {
  /** One counted, rate-limited registry request. */
  send(
    kind: RegistryCallKind,
    url: string,
    headers: Record<string, string>,
    stats: CallStats | undefined,
    what: string,
  ): Promise<RegistryAnswer>;
  /** A blob's location after the registry's redirect: not a registry request (no slot, not counted), same deadline. */
  follow(url: string, what: string): Promise<RegistryAnswer>;
  healthy(): boolean;
}

async function readBody(response: Response, limit: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limit) {
        await response.body.cancel().catch(() => undefined);
        throw new GatewayError(
          ErrorCode.UPSTREAM_ERROR,
          `The registry's answer for ${what} is larger than ${limit} bytes`,
          undefined,
          {
            errorCode: 'AnswerTooLarge',
            httpStatusCode: response.status,
          },
        );
      }
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

export function createTransport(options: TransportOptions): Transport {
  const limit = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const breaker = new CircuitBreaker(async (call: () => Promise<RegistryAnswer>) => call(), {
    timeout: false,
    errorThresholdPercentage: 50,
    volumeThreshold: 10,
    rollingCountTimeout: 10_000,
    resetTimeout: options.breakerResetMs ?? 5_000,
    errorFilter: (error: unknown) => !isBreakerFault(error),
  });

  async function exchange(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal,
    what: string,
  ): Promise<RegistryAnswer> {
    let response: Response;
    try {
      response = await options.fetch(url, { method: 'GET', headers, signal });
    } catch (error) {
      throw registryNetworkError(error, what);
    }
    let body: Buffer;
    try {
      body = await readBody(response, limit, what);
    } catch (error) {
      if (error instanceof GatewayError) throw error;
      throw registryNetworkError(error, what);
    }
    return { status: response.status, headers: response.headers, body };
  }

  async function once(
    kind: RegistryCallKind,
    url: string,
    headers: Record<string, string>,
    stats: CallStats | undefined,
    what: string,
  ) {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let release: Awaited<ReturnType<RateLimiter['acquire']>>;
    try {
      release = await options.limiter.acquire(signal);
    } catch {
      const held = heldLocally(
        new GatewayError(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          `The gateway's own registry rate limit (REGISTRY_MAX_RPS) held this request past its deadline (${what}); the registry was not asked`,
          undefined,
          { errorCode: 'QueuedPastDeadline', httpStatusCode: null },
        ),
      );
      throw held;
    }
    if (stats) stats.registryCalls[kind] = (stats.registryCalls[kind] ?? 0) + 1;
    try {
      const answer = await exchange(url, headers, signal, what);
      if (answer.status === 429 || answer.status >= 500)
        throw registryHttpError(answer.status, answer.body, kind, what);
      return answer;
    } finally {
      release?.();
    }
  }

  return {
    async send(kind, url, headers, stats, what) {
      if (stats) spendBudget(stats);
      try {
        return (await breaker.fire(() => once(kind, url, headers, stats, what))) as RegistryAnswer;
      } catch (error) {
        if (CircuitBreaker.isOurError(error as Error)) {
          throw new GatewayError(
            ErrorCode.UPSTREAM_UNAVAILABLE,
            `The registry keeps failing; the gateway is not asking it for a while (${what})`,
            undefined,
            { errorCode: 'CircuitOpen', httpStatusCode: null },
          );
        }
        throw error;
      }
    },
    follow: (url, what) => exchange(url, {}, AbortSignal.timeout(options.timeoutMs), what),
    healthy: () => !breaker.opened,
  };
}
