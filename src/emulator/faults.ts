/**
 * Injected faults: latency, server errors, throttling, dropped connections, a calls-per-second cap,
 * and deterministic one-shot failures for tests, raw (malformed) answers among them.
 */
import { seededRandom } from './prng';

export interface FaultConfig {
  /** Added delay per call, ms. @default 0 */
  latencyMs: number;
  /** Uniform extra delay in [0, jitterMs], ms. @default 0 */
  jitterMs: number;
  /** Share of calls answered ServerException (HTTP 500), 0..1. @default 0 */
  serverErrorRate: number;
  /** Share of calls answered ThrottlingException (HTTP 400), 0..1. @default 0 */
  throttleRate: number;
  /** Calls beyond this in any sliding one-second window answer ThrottlingException. @default unlimited */
  maxCallsPerSecond?: number;
  /** Share of calls whose connection is dropped unanswered, 0..1. @default 0 */
  dropRate: number;
  /** Limit faults to these operations. @default all */
  operations?: string[];
  /** Seed of the PRNG behind the rates, for repeatable runs. @default Math.random */
  seed?: number;
}

/**
 * An answer sent verbatim in place of the operation's: what a broken upstream, a proxy's error page
 * or a truncated transfer looks like to a client. Nothing is checked or serialized.
 */
export interface RawAnswer {
  /** @default 200 */
  status?: number;
  body: string;
  /** @default 'application/x-amz-json-1.1' */
  contentType?: string;
  /** Extra headers, names in lower case (e.g. `x-amzn-errortype`). */
  headers?: Record<string, string>;
}

export type FailKind =
  | 'ServerException'
  | 'ThrottlingException'
  | 'drop'
  | 'UnrecognizedClientException'
  | { raw: RawAnswer };

export interface Faults {
  /** Merges into the current configuration. */
  set(config: Partial<FaultConfig>): void;
  /** No faults, and no pending failNext. */
  reset(): void;
  /** Deterministic, for tests: the next `count` calls (of `operation`, if given) fail this way. */
  failNext(kind: FailKind, count?: number, operation?: string): void;
  current(): FaultConfig;
}

/** What the faults make of one call. */
export interface FaultDecision {
  delayMs: number;
  fail?: FailKind;
}

export interface FaultInjector extends Faults {
  decide(operation: string, now: number): FaultDecision;
}

const DEFAULTS: FaultConfig = { latencyMs: 0, jitterMs: 0, serverErrorRate: 0, throttleRate: 0, dropRate: 0 };

export function createFaults(): FaultInjector {
  let config: FaultConfig = { ...DEFAULTS };
  let random: () => number = Math.random;
  let pending: { kind: FailKind; left: number; operation?: string }[] = [];
  // Arrival times of the calls admitted under maxCallsPerSecond, oldest first from `head`.
  let window: number[] = [];
  let head = 0;

  const admit = (now: number, max: number): boolean => {
    while (head < window.length && (window[head] as number) <= now - 1000) head++;
    if (head > 1024 && head * 2 > window.length) {
      window = window.slice(head);
      head = 0;
    }
    if (window.length - head >= max) return false;
    window.push(now);
    return true;
  };

  return {
    set(partial) {
      config = { ...config, ...partial };
      if (partial.seed !== undefined) random = seededRandom(partial.seed);
    },
    reset() {
      config = { ...DEFAULTS };
      random = Math.random;
      pending = [];
      window = [];
      head = 0;
    },
    failNext(kind, count = 1, operation) {
      pending.push({ kind, left: count, ...(operation === undefined ? {} : { operation }) });
    },
    current: () => ({ ...config }),
    decide(operation, now) {
      const queued = pending.find((p) => p.operation === undefined || p.operation === operation);
      const inScope = !config.operations || config.operations.includes(operation);
      const delayMs = inScope ? config.latencyMs + (config.jitterMs > 0 ? random() * config.jitterMs : 0) : 0;
      if (queued) {
        queued.left--;
        if (queued.left <= 0) pending = pending.filter((p) => p !== queued);
        return { delayMs, fail: queued.kind };
      }
      if (!inScope) return { delayMs };
      if (config.maxCallsPerSecond !== undefined && !admit(now, config.maxCallsPerSecond)) {
        return { delayMs, fail: 'ThrottlingException' };
      }
      // One draw per rate, in a fixed order, so a seed replays the same sequence.
      const drop = config.dropRate > 0 && random() < config.dropRate;
      const server = config.serverErrorRate > 0 && random() < config.serverErrorRate;
      const throttle = config.throttleRate > 0 && random() < config.throttleRate;
      if (drop) return { delayMs, fail: 'drop' };
      if (server) return { delayMs, fail: 'ServerException' };
      if (throttle) return { delayMs, fail: 'ThrottlingException' };
      return { delayMs };
    },
  };
}
