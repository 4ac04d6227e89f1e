/**
 * `extensions.cost` (CONTRACT.md "Cost"): who asks for it and what it says. Shared by the plugin
 * that adds it to executed results (execution/use-cost-extension.ts) and the response cache, which
 * answers without executing (caching/use-response-cache.ts).
 */
import type { CallStats } from '../ecr/guard/call-stats';

export interface CostReport {
  upstreamCalls: Record<string, number>;
  /** Registry requests by kind (token, manifest, blob, tags, referrers); present once the request made one. */
  registryCalls?: Record<string, number>;
  cacheHits: number;
  coalesced: number;
  retries: number;
  /** Present, true, on an answer the response cache gave: nothing upstream, no execution. */
  responseCache?: true;
}

/** Whether the request wants the report: `x-include-cost: 1` (or `true`), or always in development. */
export function asksForCost(request: Request | undefined, always: boolean): boolean {
  if (always) return true;
  const asked = request?.headers.get('x-include-cost');
  return asked === '1' || asked === 'true';
}

/** The report of what `stats` counted; a copy, so later calls of the request do not change it. */
export function costReport({ upstreamCalls, registryCalls, cacheHits, coalesced, retries }: CallStats): CostReport {
  const registry = Object.keys(registryCalls).length > 0 ? { registryCalls: { ...registryCalls } } : {};
  return { upstreamCalls: { ...upstreamCalls }, ...registry, cacheHits, coalesced, retries };
}

/** The report of an answer served whole from the response cache. */
export const cachedCostReport = (): CostReport => ({
  upstreamCalls: {},
  cacheHits: 0,
  coalesced: 0,
  retries: 0,
  responseCache: true,
});
