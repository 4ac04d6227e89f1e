/**
 * The caches' memory caps count what their entries take in the heap, not their JSON length
 * (issue 13: 96 MiB of caps, 757 MB of RSS). test/bench/cache-memory.ts measures the process.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { createImageListings } from '../../src/data/listings/image-listing';
import { createCallStats } from '../../src/ecr/guard/call-stats';
import { heapSize, stringSize } from '../../src/ecr/guard/heap-size';
import { createMemoryCache } from '../../src/ecr/guard/stores';
import type { RequestUpstream } from '../../src/ecr/guard/upstream';
import { createResponseStore, type Result } from '../../src/plugins/caching/response-store';

/** A DescribeImages answer shaped as the SDK returns it: Dates, tag arrays, short strings. */
function answer(seed: number, images = 50): object {
  const imageDetails: ImageDetail[] = Array.from({ length: images }, (_, i) => ({
    registryId: '123456789012',
    repositoryName: 'web/frontend',
    imageDigest: `sha256:${String(seed * 1000 + i).padStart(64, '0')}`,
    imageTags: [`git-${i}`, `v1.${i}`],
    imageSizeInBytes: 10_000_000 + i,
    imagePushedAt: new Date(1_700_000_000_000 + i),
    imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
  }));
  return { imageDetails, $metadata: { httpStatusCode: 200, requestId: `req-${seed}`, attempts: 1 } };
}

describe('heapSize', () => {
  it('counts what JSON leaves out: a Date, string headers, array and object slots', () => {
    expect(heapSize(new Date(0))).toBeGreaterThan(JSON.stringify(new Date(0)).length * 3);
    expect(stringSize('abc')).toBe(24);
    expect(stringSize('é€')).toBe(24);
    expect(stringSize('x'.repeat(100))).toBe(16 + 104);
    // An SDK answer takes about 1.6 times its JSON length (measured: test/bench/cache-memory.ts).
    const value = answer(1);
    expect(heapSize(value) / JSON.stringify(value).length).toBeGreaterThan(1.4);
  });
});

describe('the upstream cache', () => {
  it('holds answers up to its cap by their heap size, not their JSON length', async () => {
    const one = answer(0);
    const maxBytes = 40 * JSON.stringify(one).length;
    const cache = createMemoryCache({ ttlMs: 60_000, maxBytes });
    for (let i = 0; i < 40; i++) await cache.set(`DescribeImages:${i}`, answer(i));
    const kept = Array.from({ length: 40 }, (_, i) => cache.getLocal(`DescribeImages:${i}`)).filter(Boolean).length;
    // By JSON length all 40 would fit; by heap size no more than the cap allows.
    expect(kept).toBeLessThanOrEqual(Math.floor(maxBytes / heapSize(one)));
    expect(kept).toBeGreaterThan(15);
    expect(cache.getLocal('DescribeImages:39')).toBeDefined();
  });
});

describe('the response store', () => {
  it('keeps the answer as text only, and sends it on a hit without parsing it', () => {
    const store = createResponseStore(1024 * 1024, 60_000);
    const data = { repository: { repositoryName: 'web/frontend', tags: ['a', 'b'] } };
    const text = JSON.stringify({ data });
    store.set('key', { data }, [], 60_000);
    // What the store keeps is not the caller's tree: changing that tree later changes nothing.
    data.repository.tags.push('c');
    const parse = jest.spyOn(JSON, 'parse');
    // A plain hit sends the text as written and parses nothing.
    const hit = store.get('key') as Result;
    expect(hit.stringify?.({ ...hit })).toBe(text);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(hit.data).toEqual({ repository: { repositoryName: 'web/frontend', tags: ['a', 'b'] } });
    // One that carries more is serialized afresh, from the stored data.
    expect(hit.stringify?.({ ...hit, extensions: { cost: 1 } })).toBe(`${text.slice(0, -1)},"extensions":{"cost":1}}`);
    expect(store.get('absent')).toBeUndefined();
  });
});

describe('the listing cache', () => {
  it('keeps a bounded number of views per listing, made again when let go', async () => {
    const images = Array.from({ length: 30 }, (_, i) => ({ imageDigest: `sha256:${i}`, imageTags: [`t${i}`] }));
    const upstream = {
      stats: createCallStats(),
      send: async () => ({ imageDetails: images, $metadata: {} }),
    } as unknown as RequestUpstream;
    const listings = createImageListings({ ttlMs: 60_000 });
    const listing = await listings.get('123456789012', 'web/frontend', upstream);
    const made: string[] = [];
    const view = (key: string) =>
      listing.view(key, (all) => {
        made.push(key);
        return [...all];
      });
    for (let i = 0; i < 20; i++) view(`filter-${i}`);
    view('filter-19');
    expect(made).toHaveLength(20);
    // The oldest views were let go: asking again makes them anew.
    view('filter-0');
    expect(made).toHaveLength(21);
  });
});
