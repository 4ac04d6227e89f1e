import { catalogFixture } from '../helpers/catalog-fixture';
import { digestOf } from '../helpers/fixture';
import { big, NEWEST_FIRST, PAGE, pageOf, walk } from '../helpers/ordered-listing';
import { createStack, type Stack } from '../helpers/stack';

const describeImagesSizes = (stack: Stack) =>
  stack.emulator.calls
    .all()
    .filter((call) => call.operation === 'DescribeImages')
    .map((call) => (call.input as { maxResults?: number }).maxResults);

describe('Repository.images with orderBy and filter', () => {
  it('builds a listing from fresh pages, not from pages the upstream cache already holds', async () => {
    const stack = createStack();
    await stack.query('{ repository(name: "web/frontend") { images(first: 1000) { edges { cursor } } } }');
    const before = stack.calls('DescribeImages');
    const response = await stack.query('{ repository(name: "web/frontend") { latestImage { imageDigest } } }');
    expect(response.errors).toBeUndefined();
    // The same page (maxResults 1000) is cached, yet the listing, kept for a TTL of its own, asks again.
    expect(stack.calls('DescribeImages')).toBe(before + 1);
  });

  it('walks 2,500 images newest first in pages of 700, each once, for 3 DescribeImages calls in all', async () => {
    const stack = createStack();
    const { digests, pages } = await walk(stack, { name: 'big/listing', first: 700, orderBy: NEWEST_FIRST });
    expect(pages).toBe(4);
    expect(digests).toEqual(Array.from({ length: 2500 }, (_, i) => big(2499 - i)));
    expect(stack.calls('DescribeImages')).toBe(3);
    expect(describeImagesSizes(stack)).toEqual([1000, 1000, 1000]);
  });

  it('resumes from any edge of an ordered page at the very next image', async () => {
    const stack = createStack();
    const first = pageOf(await stack.query(PAGE, { name: 'big/listing', first: 10, orderBy: NEWEST_FIRST }));
    const next = pageOf(
      await stack.query(PAGE, { name: 'big/listing', first: 3, orderBy: NEWEST_FIRST, after: first.edges[4]?.cursor }),
    );
    expect(next.edges.map((edge) => edge.node.imageDigest)).toEqual([big(2494), big(2493), big(2492)]);
    expect(next.pageInfo.hasNextPage).toBe(true);
    expect(stack.calls('DescribeImages')).toBe(3);
  });

  it('orders by size both ways, ties and missing values by digest, missing last', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const order = async (direction: string) =>
      pageOf(await stack.query(PAGE, { name: 'mixed/order', orderBy: { field: 'SIZE', direction } })).edges.map(
        (edge) => edge.node.imageDigest,
      );
    const [b, c] = [digestOf('mixed#b'), digestOf('mixed#c')].sort();
    expect(await order('ASC')).toEqual([digestOf('mixed#e'), b, c, digestOf('mixed#a'), digestOf('mixed#d')]);
    expect(await order('DESC')).toEqual([digestOf('mixed#a'), b, c, digestOf('mixed#e'), digestOf('mixed#d')]);
    // One listing serves both orders.
    expect(stack.calls('DescribeImages')).toBe(1);
  });

  it('orders by push date ascending with ties by digest', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(PAGE, {
      name: 'mixed/order',
      orderBy: { field: 'PUSHED_AT', direction: 'ASC' },
    });
    const [a, b] = [digestOf('mixed#a'), digestOf('mixed#b')].sort();
    expect(pageOf(response).edges.map((edge) => edge.node.imageDigest)).toEqual([
      digestOf('mixed#c'),
      a,
      b,
      digestOf('mixed#e'),
      digestOf('mixed#d'),
    ]);
  });

  it.each([
    ['tagged: false', { tagged: false }, (i: number) => i % 10 === 9],
    ['tagged: true', { tagged: true }, (i: number) => i % 10 !== 9],
    ['tagPrefix: "v12"', { tagPrefix: 'v12' }, (i: number) => i % 10 !== 9 && `v${i}`.startsWith('v12')],
    ['tagPrefix is case-sensitive', { tagPrefix: 'V1' }, () => false],
    ['tagged: false with a prefix', { tagged: false, tagPrefix: 'v' }, () => false],
  ])('filters with %s, in ECR order, across pages', async (_label, filter, keep) => {
    const stack = createStack();
    const { digests } = await walk(stack, { name: 'big/listing', first: 1000, filter });
    const expected = Array.from({ length: 2500 }, (_, i) => i)
      .filter(keep)
      .map(big);
    expect(digests).toEqual(expected);
    expect(stack.calls('DescribeImages')).toBe(3);
  });

  it('filters and orders at once, and matches a prefix of any of several tags', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(PAGE, {
      name: 'mixed/order',
      filter: { tagPrefix: 'late' },
      orderBy: NEWEST_FIRST,
    });
    expect(pageOf(response).edges.map((edge) => edge.node.imageTags)).toEqual([['1.4.2', 'latest']]);
  });

  it('pages exactly as before when orderBy and filter are absent, null or empty', async () => {
    const stack = createStack();
    for (const args of [{}, { orderBy: null, filter: null }, { filter: {} }, { filter: { tagged: null } }]) {
      const page = pageOf(await stack.query(PAGE, { name: 'big/listing', first: 10, ...args }));
      expect(page.edges.map((edge) => edge.node.imageDigest)).toEqual(Array.from({ length: 10 }, (_, i) => big(i)));
    }
    // One page-sized call per query, as the unordered listing always cost (the cache answers repeats).
    expect(stack.calls('DescribeImages')).toBe(1);
    expect(describeImagesSizes(stack)).toEqual([10]);
  });

  it('shares one listing fetch between concurrent requests', async () => {
    const stack = createStack();
    stack.emulator.faults.set({ latencyMs: 5 });
    const [a, b] = await Promise.all([
      stack.query(PAGE, { name: 'big/listing', first: 1, orderBy: NEWEST_FIRST }, { 'x-include-cost': '1' }),
      stack.query(PAGE, { name: 'big/listing', first: 1, filter: { tagged: false } }, { 'x-include-cost': '1' }),
    ]);
    expect(pageOf(a).edges[0]?.node.imageDigest).toBe(big(2499));
    expect(pageOf(b).edges[0]?.node.imageDigest).toBe(big(9));
    expect(stack.calls('DescribeImages')).toBe(3);
    // One request made the three calls; the other shared them.
    const costs = [a, b].map((r) => r.extensions?.cost as { upstreamCalls: Record<string, number>; coalesced: number });
    expect(costs.map((cost) => cost.upstreamCalls.DescribeImages ?? 0).sort()).toEqual([0, 3]);
    expect(costs.find((cost) => !cost.upstreamCalls.DescribeImages)?.coalesced).toBeGreaterThanOrEqual(1);
  });

  it('answers first: 0 with an empty page and no call', async () => {
    const stack = createStack();
    const page = pageOf(await stack.query(PAGE, { name: 'big/listing', first: 0, orderBy: NEWEST_FIRST }));
    expect(page).toMatchObject({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect(stack.calls('DescribeImages')).toBe(0);
  });

  it('refuses a listing past IMAGE_LISTING_CAP with BAD_USER_INPUT, having fetched one image past it', async () => {
    const stack = createStack({ imageListingCap: 100 });
    const response = await stack.query(PAGE, { name: 'big/listing', first: 10, orderBy: NEWEST_FIRST });
    expect(response.data?.repository).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      path: ['repository', 'images'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(response.errors?.[0]?.message).toMatch(/more than 100 images.*IMAGE_LISTING_CAP/);
    expect(describeImagesSizes(stack)).toEqual([101]);
    // Remembered: asking again costs nothing, and the unordered listing still pages.
    const again = await stack.query('{ repository(name: "big/listing") { latestImage { imageDigest } } }');
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.calls('DescribeImages')).toBe(1);
    const plain = pageOf(await stack.query(PAGE, { name: 'big/listing', first: 10 }));
    expect(plain.edges).toHaveLength(10);
  });

  it('serves a repository of exactly IMAGE_LISTING_CAP images whole', async () => {
    const stack = createStack({ imageListingCap: 40 });
    const { digests } = await walk(stack, { name: 'web/frontend', first: 100, orderBy: NEWEST_FIRST });
    expect(digests).toHaveLength(40);
    expect(describeImagesSizes(stack)).toEqual([41]);
  });
});
