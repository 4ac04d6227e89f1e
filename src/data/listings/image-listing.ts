/**
 * Whole image listings, for what ECR Public cannot do itself: DescribeImages lists a repository in
 * its own order only, so ordering by push date or size, filtering by tags and finding the newest
 * image all need every image of the repository.
 *
 * A listing is fetched with the largest pages DescribeImages allows (1000), through the guarded
 * upstream (rate limit, breaker, accounting) of the request that first asks for it, kept for the upstream cache's TTL and shared by
 * concurrent requests that want the same one. It is capped: past `cap` images the repository is
 * refused with BAD_USER_INPUT, never silently cut short; at most `cap + 1` images are fetched to tell.
 * Each listing carries a version, a hash of its content, so that a cursor into one can tell whether
 * the listing it meets later is still the same.
 */
import { createHash } from 'node:crypto';
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { LRUCache } from 'lru-cache';
import { DEFAULT_IMAGE_LISTING_CAP, LISTING_PAGE_SIZE, listingCalls } from '../../cost';
import { heapSize } from '../../ecr/guard/heap-size';
import type { RequestUpstream } from '../../ecr/guard/upstream';
import { badUserInput, ErrorCode, GatewayError } from '../../errors';

/** Short pages with a nextToken are legal; this many extra calls is where a listing "does not end". */
const EXTRA_CALLS = 20;

export interface ImageListing {
  registryId: string;
  repositoryName: string;
  /** Every image, in ECR Public's own order. */
  images: readonly ImageDetail[];
  /** Changes whenever the listing's content does. */
  version: string;
  /** A view of the listing (ordered, filtered), made once per listing and `key`. */
  view(key: string, make: (images: readonly ImageDetail[]) => ImageDetail[]): readonly ImageDetail[];
}

export interface ImageListingOptions {
  /** IMAGE_LISTING_CAP. @default 10000 */
  cap?: number;
  /** How long a listing is reused: the upstream cache's TTL (UPSTREAM_CACHE_TTL_MS); 0 = not kept. */
  ttlMs: number;
  /** Memory cap of the cache, by the heap its listings and their views take (heap-size.ts). @default 64 MiB, or 1 KiB x `cap` if more */
  maxBytes?: number;
}

export interface ImageListings {
  /** IMAGE_LISTING_CAP in force. */
  readonly cap: number;
  /**
   * The repository's whole listing; BAD_USER_INPUT when it holds more than `cap` images. What it
   * costs (calls, or a cache hit) is accounted to the asking request's upstream.
   */
  get(registryId: string, repositoryName: string, upstream: RequestUpstream): Promise<ImageListing>;
}

/** A listing too long to hold, remembered as such so that asking again costs nothing. */
interface TooLong {
  tooLong: true;
}
type Entry = ImageListing | TooLong;

function versionOf(images: readonly ImageDetail[]): string {
  const hash = createHash('sha256');
  for (const image of images) {
    hash.update(
      JSON.stringify([image.imageDigest, image.imageTags, image.imagePushedAt?.getTime(), image.imageSizeInBytes]),
    );
  }
  return hash.digest('base64url').slice(0, 22);
}

/**
 * Views kept per listing, the most recently made: a client choosing a new filter each time could
 * otherwise grow a listing's memory past anything its size says. A view let go is made again.
 */
const MAX_VIEWS = 8;

/** A listing's cost in the cache: its images, one full-length view per slot, and its bookkeeping. */
function sizeOf(entry: Entry): number {
  if (!('images' in entry)) return 256;
  return 1024 + heapSize(entry.images) + MAX_VIEWS * (48 + 8 * entry.images.length);
}

function makeListing(registryId: string, repositoryName: string, images: ImageDetail[]): ImageListing {
  const views = new Map<string, readonly ImageDetail[]>();
  return {
    registryId,
    repositoryName,
    images,
    version: versionOf(images),
    view(key, make) {
      let view = views.get(key);
      if (!view) {
        view = make(images);
        views.set(key, view);
        if (views.size > MAX_VIEWS) views.delete(views.keys().next().value as string);
      }
      return view;
    },
  };
}

export function createImageListings(options: ImageListingOptions): ImageListings {
  const cap = options.cap ?? DEFAULT_IMAGE_LISTING_CAP;
  const cache =
    options.ttlMs > 0
      ? new LRUCache<string, Entry>({
          ttl: options.ttlMs,
          // Room for at least one listing at the cap (about 600 bytes an image, 8 a view slot).
          maxSize: Math.max(options.maxBytes ?? 64 * 1024 * 1024, cap * 1024),
          sizeCalculation: sizeOf,
        })
      : undefined;
  const inFlight = new Map<string, Promise<Entry>>();

  async function fetchListing(registryId: string, repositoryName: string, upstream: RequestUpstream): Promise<Entry> {
    const images: ImageDetail[] = [];
    let nextToken: string | undefined;
    let calls = 0;
    do {
      if (++calls > listingCalls(cap) + EXTRA_CALLS) {
        throw new GatewayError(ErrorCode.UPSTREAM_ERROR, `ECR Public's listing of '${repositoryName}' does not end`);
      }
      // Never more than cap + 1 images: one past the cap proves the listing too long.
      const maxResults = Math.min(LISTING_PAGE_SIZE, cap + 1 - images.length);
      const page = await upstream.send(
        'DescribeImages',
        { registryId, repositoryName, maxResults, ...(nextToken ? { nextToken } : {}) },
        // Past the upstream cache: the listing is kept for a TTL of its own, and a page already
        // near the end of its life would make the listing up to twice that old.
        { fresh: true },
      );
      images.push(...(page.imageDetails ?? []));
      nextToken = page.nextToken;
    } while (nextToken && images.length <= cap);
    return images.length > cap ? { tooLong: true } : makeListing(registryId, repositoryName, images);
  }

  async function entry(registryId: string, repositoryName: string, upstream: RequestUpstream): Promise<Entry> {
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
          `Repository '${repositoryName}' holds more than ${cap} images, the most the gateway fetches to order or ` +
            'filter a listing (IMAGE_LISTING_CAP). Page its images without orderBy and filter instead.',
        );
      }
      return found;
    },
  };
}
