/**
 * How a field is priced by the query cost limit (plugins/query-cost.ts), in estimated ECR Public
 * calls. Declared on the field as `extensions: { upstreamCost }`, next to the resolver that spends it.
 */
export type UpstreamCost =
  /** One call per page; a page of `sizeArg` items weighs 1 + size/100, and its items multiply what they select. */
  | { kind: 'page'; sizeArg: string; defaultSize: number; maxSize: number }
  /** A by-id lookup, batched 100 ids a call: 0.01 each. */
  | { kind: 'lookup' }
  /** Many by-id lookups at once (`nodes`, `_entities`): 0.01 each, and each multiplies what it selects. */
  | { kind: 'ids'; idsArg: string };

export const pageCost = (defaultSize: number, maxSize: number): { upstreamCost: UpstreamCost } => ({
  upstreamCost: { kind: 'page', sizeArg: 'first', defaultSize, maxSize },
});
export const lookupCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'lookup' } };
export const idsCost = (idsArg: string): { upstreamCost: UpstreamCost } => ({ upstreamCost: { kind: 'ids', idsArg } });
