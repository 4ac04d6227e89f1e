/**
 * Whole listings of a repository (its images, its tags), for what ECR Public cannot do itself: it
 * lists in its own order only, so ordering, filtering, finding the newest image or the highest
 * version all need every item. image-listing.ts and tag-listing.ts say what each kind lists.
 *
 * A listing is fetched with the largest pages its operation allows (1000), through the guarded
 * upstream (rate limit, breaker, accounting) of the request that first asks for it, kept for the upstream cache's TTL and shared by
 * concurrent requests that want the same one. It is capped: past `cap` items the repository is
 * refused with BAD_USER_INPUT, never silently cut short; at most `cap + 1` items are fetched to tell.
 * Each listing carries a version, a hash of its content, so that a cursor into one can tell whether
 * the listing it meets later is still the same.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { DEFAULT_IMAGE_LISTING_CAP, LISTING_PAGE_SIZE, listingCalls } from '../../cost';
import type { InputOf, OutputOf } from '../../ecr/client';
import { heapSize } from '../../ecr/guard/heap-size';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { badUserInput, ErrorCode, GatewayError } from '../../errors';

/** Short pages with a nextToken are legal; this many extra calls is where a listing "does not end". */
const EXTRA_CALLS = 20;

export interface WholeListing<T> {
  registryId: string;
  repositoryName: string;
  /** Every item, in ECR Public's own order. */
  items: readonly T[];
  /** Changes whenever the listing's content does. */
  version: string;
  /** A view of the listing (ordered, filtered), made once per listing and `key`. */
  view(key: string, make: (items: readonly T[]) => T[]): readonly T[];
}

export type ListingOperation = 'DescribeImages' | 'DescribeImageTags';

/** What a kind of listing calls, where its items are, and what of each its version hashes. */
export interface ListingKind<Op extends ListingOperation, T> {
  operation: Op;
  items(output: OutputOf<Op>): T[] | undefined;
  /** What of an item, changed, changes the listing's version. */
  identity(item: T): unknown;
  /** What the listing holds, plural, for the refusal past the cap: `images`, `tags`. */
  noun: string;
}

export interface WholeListingOptions {
  /** IMAGE_LISTING_CAP. @default 10000 */
  cap?: number;
  /** How long a listing is reused: the upstream cache's TTL (UPSTREAM_CACHE_TTL_MS); 0 = not kept. */
  ttlMs: number;
  /** Memory cap of the cache, by the heap its listings and their views take (heap-size.ts). @default 64 MiB, or 1 KiB x `cap` if more */
  maxBytes?: number;
}

export interface WholeListings<T> {
  /** IMAGE_LISTING_CAP in force. */
  readonly cap: number;
  /**
   * The repository's whole listing; BAD_USER_INPUT when it holds more than `cap` items. What it
   * costs (calls, or a cache hit) is accounted to the asking request's upstream.
   */
  get(registryId: string, repositoryName: string, upstream: RequestUpstream): Promise<WholeListing<T>>;
}

/** A listing too long to hold, remembered as such so that asking again costs nothing. */
interface TooLong {
  tooLong: true;
}
type Entry<T> = WholeListing<T> | TooLong;

function versionOf<T>(items: readonly T[], identity: (item: T) => unknown): string {
  const hash = createHash('sha256');
  for (const item of items) hash.update(JSON.stringify(identity(item)));
  return hash.digest('base64url').slice(0, 22);
}

/**
 * Views kept per listing, the most recently made: a client choosing a new filter each time could
 * otherwise grow a listing's memory past anything its size says. A view let go is made again.
 */
const MAX_VIEWS = 8;

/** A listing's cost in the cache: its items, one full-length view per slot, and its bookkeeping. */
function sizeOf<T>(entry: Entry<T>): number {
  if (!('items' in entry)) return 256;
  return 1024 + heapSize(entry.items) + MAX_VIEWS * (48 + 8 * entry.items.length);
}

function makeListing<T>(registryId: string, repositoryName: string, items: T[], version: string): WholeListing<T> {
  const views = new Map<string, readonly T[]>();
  return {
    registryId,
    repositoryName,
    items,
    version,
    view(key, make) {
      let view = views.get(key);
      if (!view) {
        view = make(items);
        views.set(key, view);
        if (views.size > MAX_VIEWS) views.delete(views.keys().next().value as string);
      }
      return view;
    },
  };
}

export function createWholeListings<Op extends ListingOperation, T>(
  kind: ListingKind<Op, T>,
  options: WholeListingOptions,
): WholeListings<T> {
  const cap = options.cap ?? DEFAULT_IMAGE_LISTING_CAP;
  const cache =
    options.ttlMs > 0
      ? new LRUCache<string, Entry<T>>({
          ttl: options.ttlMs,
          // Room for at least one listing at the cap (about 600 bytes an image, 8 a view slot).
          maxSize: Math.max(options.maxBytes ?? 64 * 1024 * 1024, cap * 1024),
          sizeCalculation: sizeOf,
        })
      : undefined;
  const inFlight = new Map<string, Promise<Entry<T>>>();

  async function fetchListing(
    registryId: string,
    repositoryName: string,
    upstream: RequestUpstream,
  ): Promise<Entry<T>> {
    const items: T[] = [];
    let nextToken: string | undefined;
    let calls = 0;
    do {
      if (++calls > listingCalls(cap) + EXTRA_CALLS) {
        throw new GatewayError(ErrorCode.UPSTREAM_ERROR, `ECR Public's listing of '${repositoryName}' does not end`);
      }
      // Never more than cap + 1 items: one past the cap proves the listing too long.
      const maxResults = Math.min(LISTING_PAGE_SIZE, cap + 1 - items.length);
      const input = { registryId, repositoryName, maxResults, ...(nextToken ? { nextToken } : {}) } as InputOf<Op>;
      // Past the upstream cache: the listing is kept for a TTL of its own, and a page already
      // near the end of its life would make the listing up to twice that old.
      const page: OutputOf<Op> = await upstream.send(kind.operation, input, { fresh: true });
      items.push(...(kind.items(page) ?? []));
      nextToken = page.nextToken;
    } while (nextToken && items.length <= cap);
    if (items.length > cap) return { tooLong: true };
    return makeListing(registryId, repositoryName, items, versionOf(items, kind.identity));
  }

  async function entry(registryId: string, repositoryName: string, upstream: RequestUpstream): Promise<Entry<T>> {
    const key = JSON.stringify([registryId, repositoryName]);
    const cached = cache?.get(key);
    if (cached) {
      upstream.stats.cacheHits++;
      return cached;
    }
    const pending = inFlight.get(key);
    if (pending) {
      upstream.stats.coalesced++;
      return pending;
    }
    const fetching = fetchListing(registryId, repositoryName, upstream);
    inFlight.set(key, fetching);
    try {
      const fetched = await fetching;
      cache?.set(key, fetched);
      return fetched;
    } finally {
      inFlight.delete(key);
    }
  }

  return {
    cap,
    async get(registryId, repositoryName, upstream) {
      const found = await entry(registryId, repositoryName, upstream);
      if ('tooLong' in found) {
        throw badUserInput(
          `Repository '${repositoryName}' holds more than ${cap} ${kind.noun}, the most the gateway fetches to ` +
            `order or filter a listing (IMAGE_LISTING_CAP). Page its ${kind.noun} without orderBy and filter instead.`,
        );
      }
      return found;
    },
  };
}
