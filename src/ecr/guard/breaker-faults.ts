/**
 * What a circuit breaker counts as the far side's fault, for ECR Public's API (guarded-call.ts)
 * and the registry (registry/transport.ts) alike: an error, throttling or unavailability, but not
 * a wait the gateway's own rate limit held past its deadline (the far side never saw it), nor an
 * answer such as a missing repository.
 */
import { ErrorCode, GatewayError } from '../../errors';

const FAULTS = new Set<string>([
  ErrorCode.UPSTREAM_ERROR,
  ErrorCode.UPSTREAM_THROTTLED,
  ErrorCode.UPSTREAM_UNAVAILABLE,
]);
const localWaits = new WeakSet<object>();

/** Marks an error as the gateway's own wait at its rate limit, and returns it. */
export function heldLocally<E extends object>(error: E): E {
  localWaits.add(error);
  return error;
}

export const isBreakerFault = (error: unknown): boolean =>
  error instanceof GatewayError && FAULTS.has(error.code) && !localWaits.has(error);
