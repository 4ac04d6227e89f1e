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
  | {
      kind: 'page';
      sizeArg: string;
      defaultSize: number;
      maxSize: number;
      listingArgs?: string[];
      /** Refuses bad arguments (a malformed range) by throwing BAD_USER_INPUT, before any call. */
      checkArgs?: (args: Record<string, unknown>) => void;
    }
  /**
   * A by-id lookup. When `keyOf` reads its id from the arguments (and the parent's key), it joins
   * its batch: a batch of n distinct ids costs ceil(n/100) calls (see `LookupKey`). Otherwise it is
   * priced as one call per distinct owner among its parents + 0.01 per parent.
   */
  | { kind: 'lookup'; keyOf?: (args: Record<string, unknown>, parent: string | undefined) => LookupKey | undefined }
  /**
   * The parent's own repository (`Image.repository`, `pullReferences`): nothing when the parent came
   * from under a Repository, which the request's loader then holds; else at most a call per distinct
   * repository of the parents (their lookups come back at different times, so no batch is certain).
   */
  | { kind: 'repository' }
  /**
   * Calls one request makes once, however many parents ask (the registries listing, the caller's own
   * registry's catalog data): they join their batches.
   */
  | { kind: 'shared'; keys: LookupKey[] }
  /** A call of its own for each parent, which ECR Public cannot batch (GetRepositoryCatalogData): 1 each. */
  | { kind: 'call' }
  /** A repository's whole image listing: ceil((IMAGE_LISTING_CAP + 1) / 1000) calls, however few it holds. */
  | { kind: 'listing' }
  /**
   * Many by-id lookups at once (`nodes`, `_entities`): at most MAX_IDS_PER_FIELD, each id joins its
   * batch (`keysOf`; an id it cannot read is refused at execution with no call), and each multiplies
   * what it selects.
   */
  | { kind: 'ids'; idsArg: string; keysOf?: (ids: unknown[]) => (LookupKey | undefined)[] }
  /**
   * Registry requests (CONTRACT.md "Image contents"): `calls` for each parent. Fields of one
   * selection with the same `need` (the document they read: a platform's manifest, its config)
   * share it, counted once. `repository`: the parent Image's repository too (its registry path is
   * the repositoryUri), nothing under a Repository, as for `pullReferences`.
   */
  | { kind: 'registry'; calls: number; need?: string; repository?: boolean };

/** The most ids `nodes(ids:)` or `_entities(representations:)` take in one field (BAD_USER_INPUT past it). */
export const MAX_IDS_PER_FIELD = 1000;

/**
 * Where a lookup's id goes: `loader` names the DataLoader that batches it, `group` the ids one call
 * can carry together (a repository's images; a registry's repositories), `owner` the repository it
 * belongs to (its key is what lookups under it read as `parent`). The loader sends at most 100 ids a
 * call, one call per group in each: a group of n ids costs min(n, ceil(N/100)) calls for the N ids
 * of its loader, which is ceil(n/100) when the loader holds one group.
 */
export interface LookupKey {
  loader: string;
  group: string;
  id: string;
  owner?: string | undefined;
}

/** The key `parent` of a repository lookup names it by. */
export const repositoryOwner = (registryId: string | undefined, name: string): string => `${registryId ?? ''}:${name}`;
/** A repository looked up by name, batched per registry through one loader. */
export const repositoryLookup = (registryId: string | undefined, name: string): LookupKey => ({
  loader: 'repositories',
  group: `repositories:${registryId ?? ''}`,
  id: name,
  owner: repositoryOwner(registryId, name),
});
/** An image of the repository `owner` by tag or digest, batched through that repository's loader. */
export const imageLookup = (owner: string, ref: { tag?: unknown; digest?: unknown }): LookupKey | undefined => {
  const id =
    typeof ref.digest === 'string' ? `@${ref.digest}` : typeof ref.tag === 'string' ? `:${ref.tag}` : undefined;
  return id === undefined ? undefined : { loader: `images:${owner}`, group: `images:${owner}`, id, owner };
};

export const pageCost = (defaultSize: number, maxSize: number): { upstreamCost: UpstreamCost } => ({
  upstreamCost: { kind: 'page', sizeArg: 'first', defaultSize, maxSize },
});
/** A page that `orderBy`/`filter` turn into a cut of the whole listing. */
export const listingPageCost = (
  defaultSize: number,
  maxSize: number,
  listingArgs: string[],
  checkArgs?: (args: Record<string, unknown>) => void,
) => ({
  upstreamCost: {
    kind: 'page',
    sizeArg: 'first',
    defaultSize,
    maxSize,
    listingArgs,
    ...(checkArgs ? { checkArgs } : {}),
  } satisfies UpstreamCost,
});
/** A registry by id ('' for the caller's own, '*' for one the estimate cannot tell): the request's one listing. */
export const registryLookup = (id: string): LookupKey => ({ loader: 'registries', group: 'registries', id });
/** GetRegistryCatalogData of the caller's own registry: once per request. */
export const ownRegistryCatalogLookup: LookupKey = { loader: 'registry-catalog', group: 'own', id: '' };

export const lookupCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'lookup' } };
export const parentRepositoryCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'repository' } };
export const sharedCost = (...keys: LookupKey[]): { upstreamCost: UpstreamCost } => ({
  upstreamCost: { kind: 'shared', keys },
});
/** A lookup whose arguments name its id. */
export const keyedLookupCost = (
  keyOf: (args: Record<string, unknown>, parent: string | undefined) => LookupKey | undefined,
): { upstreamCost: UpstreamCost } => ({ upstreamCost: { kind: 'lookup', keyOf } });
export const callCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'call' } };
export const listingCost: { upstreamCost: UpstreamCost } = { upstreamCost: { kind: 'listing' } };
export const idsCost = (
  idsArg: string,
  keysOf?: (ids: unknown[]) => (LookupKey | undefined)[],
): { upstreamCost: UpstreamCost } => ({ upstreamCost: { kind: 'ids', idsArg, ...(keysOf ? { keysOf } : {}) } });
/** Registry requests of a field: `calls` per parent; fields of one selection that `need` the same document share it. */
export const registryCost = (calls: number, need?: string, repository = false): { upstreamCost: UpstreamCost } => ({
  upstreamCost: { kind: 'registry', calls, ...(need ? { need } : {}), ...(repository ? { repository } : {}) },
});
