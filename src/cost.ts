/**
 * How a field is priced by the query cost limit (plugins/validation/query-cost.ts), in estimated ECR
 * Public calls. Declared on the field as `extensions: { upstreamCost }`, next to the resolver that
 * spends it. A leaf, shared by the schema that declares prices and the limit that reads them.
 */
import { constraintsOf } from './model/constraints';

/** IMAGE_LISTING_CAP's default: the most images fetched to order or filter one repository. */
export const DEFAULT_IMAGE_LISTING_CAP = 10_000;
/** DescribeImages' largest page, from the API model (MaxResults). */
export const LISTING_PAGE_SIZE = constraintsOf('MaxResults').range?.max ?? 1000;

/** The most DescribeImages calls one listing costs under `cap`: what the query cost limit charges. */
export const listingCalls = (cap: number): number => Math.ceil((cap + 1) / LISTING_PAGE_SIZE);

export type UpstreamCost =
  /**
   * One call per page; a page of `sizeArg` items weighs 1 + size/100, and its items multiply what
   * they select. When any of `listingArgs` is given (orderBy, filter) the page is cut from the whole
   * listing instead: it weighs the listing's calls (see `listing`) + size/100.
   */
  | { kind: 'page'; sizeArg: string; defaultSize: number; maxSize: number; listingArgs?: string[] }
  /** A by-id lookup, batched 100 ids a call: 0.01 each. */
  | { kind: 'lookup' }
  /** A call of its own for each parent, which ECR Public cannot batch (GetRepositoryCatalogData): 1 each. */
  | { kind: 'call' }
  /** A repository's whole image listing: ceil((IMAGE_LISTING_CAP + 1) / 1000) calls, however few it holds. */
  | { kind: 'listing' }
  /** Many by-id lookups at once (`nodes`, `_entities`): 0.01 each, and each multiplies what it selects. */
  | { kind: 'ids'; idsArg: string };

export const pageCost = (defaultSize: number, maxSize: number): { upstreamCost: UpstreamCost } => ({
  upstreamCost: { kind: 'page', sizeArg: 'first', defaultSize, maxSize },
});
/** A page that `orderBy`/`filter` turn into a cut of the whole listing. */
export const listingPageCost = (defaultSize: number, maxSize: number, listingArgs: string[]) => ({
  upstreamCost: { kind: 'page', sizeArg: 'first', defaultSize, maxSize, listingArgs } satisfies UpstreamCost,
});
export const lookupCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'lookup' } };
export const callCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'call' } };
export const listingCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'listing' } };
export const idsCost = (idsArg: string): { upstreamCost: UpstreamCost } => ({ upstreamCost: { kind: 'ids', idsArg } });
