import { createDemoCatalog } from '../../src/emulator';
import { exampleQuery } from '../../src/graphiql-example';
import { dataOf } from '../helpers/data';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

const ORDERED_EVERYWHERE = `{ repositories(first: 100) { edges { node {
  images(first: 10, orderBy: { field: SIZE, direction: ASC }) { edges { cursor } }
} } } }`;
const LATEST_EVERYWHERE =
  '{ repositories(first: 100) { edges { node { repositoryName latestImage { imageDigest } } } } }';

describe('the cost limit on the catalog fields', () => {
  it('refuses orderBy on a hundred repositories before any call', async () => {
    const stack = createStack();
    const response = await stack.query(ORDERED_EVERYWHERE);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    // 2 for the page of repositories, 100 x (11 listing calls + 0.1) for the images.
    expect(response.errors?.[0]?.message).toMatch(/about 1112 ECR Public calls/);
    expect(stack.calls()).toBe(0);
  });

  it('prices whole listings by IMAGE_LISTING_CAP: a smaller cap lets latestImage on many repositories through', async () => {
    const refused = createStack();
    const response = await refused.query(LATEST_EVERYWHERE);
    expect(response.errors?.[0]?.message).toMatch(/about 1102 ECR Public calls/);
    expect(refused.calls()).toBe(0);

    const capped = createStack({ imageListingCap: 1000 });
    const answered = await capped.query(LATEST_EVERYWHERE);
    // Every repository answers but big/listing, whose 2,500 images pass the cap; `empty` has no image.
    expect(answered.errors).toHaveLength(1);
    expect(answered.errors?.[0]).toMatchObject({
      path: ['repositories', 'edges', 0, 'node', 'latestImage'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const edges = dataOf<{ edges: { node: { latestImage: unknown } }[] }>(answered, 'repositories').edges;
    expect(edges.map((edge) => edge.node.latestImage === null)).toEqual([true, false, false, true]);
  });

  it("runs GraphiQL's example operations against the demo catalog, within the limit and without errors", async () => {
    const stack = createStack({ fixture: createDemoCatalog(), upstream: { maxRps: 1000 } });
    const run = async (operationName: string): Promise<GraphQLResponse> => {
      const response = await stack.gateway.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: exampleQuery, operationName }),
      });
      return (await response.json()) as GraphQLResponse;
    };
    const gallery = await run('Gallery');
    expect(gallery.errors).toBeUndefined();
    expect(gallery.data?.registry).toMatchObject({ displayName: 'Acme Corp', verified: true });
    const cards = dataOf<{
      edges: { node: { catalogData: { description: string } | null; latestImage: { pullReferences: string[] } } }[];
    }>(gallery, 'repositories').edges;
    expect(cards).toHaveLength(12);
    expect(cards[0]?.node.catalogData?.description).toMatch(/storefront/);
    expect(cards[0]?.node.latestImage.pullReferences.at(-1)).toMatch(/^public\.ecr\.aws\/acme\/web\/frontend@sha256:/);

    const newest = await run('NewestImages');
    expect(newest.errors).toBeUndefined();
    const images = dataOf<{ images: { edges: { node: { imagePushedAt: string } }[] } }>(newest, 'repository').images
      .edges;
    expect(images).toHaveLength(10);
    const pushed = images.map((edge) => edge.node.imagePushedAt);
    expect([...pushed].sort().reverse()).toEqual(pushed);
  });
});

describe("the estimate against the calls execution makes (README's cost table)", () => {
  const post = async (stack: Stack, query: string, operationName?: string): Promise<GraphQLResponse> => {
    const response = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-include-cost': '1' },
      body: JSON.stringify({ query, operationName }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  /** The estimate, rounded up, as the refusal under a limit of one call states it: with no call made. */
  async function estimateOf(query: string, operationName?: string): Promise<number> {
    const stack = createStack({ fixture: createDemoCatalog(), limits: { maxCost: 1 } });
    const refused = await post(stack, query, operationName);
    expect(stack.calls()).toBe(0);
    return Number(/about (\d+) ECR Public calls/.exec(refused.errors?.[0]?.message ?? '')?.[1]);
  }

  it.each([
    ['{ registry { registryId displayName } }', 2, { DescribeRegistries: 1, GetRegistryCatalogData: 1 }],
    // A hundred repositories' registries come from the request's one listing.
    [
      '{ repositories(first: 100) { edges { node { registry { registryId } } } } }',
      3,
      { DescribeRepositories: 1, DescribeRegistries: 1 },
    ],
    // The page and the listing behind displayName are two DescribeRegistries; the catalog data one call.
    [
      '{ registries(first: 10) { edges { node { displayName } } } }',
      4,
      { DescribeRegistries: 2, GetRegistryCatalogData: 1 },
    ],
    // The tags' images by digest (one call for the page); their repository is the one already loaded.
    [
      '{ repository(name: "web/frontend") { imageTags(first: 20) { edges { node { image { imageTags pullReferences } } } } } }',
      4,
      { DescribeRepositories: 1, DescribeImageTags: 1, DescribeImages: 1 },
    ],
  ])('%s is priced at %d, at least the calls it makes', async (query, priced, calls) => {
    expect(await estimateOf(query)).toBe(priced);
    const stack = createStack({ fixture: createDemoCatalog() });
    const response = await post(stack, query);
    expect(response.errors).toBeUndefined();
    expect(response.extensions?.cost).toMatchObject({ upstreamCalls: calls, cacheHits: 0 });
    expect(stack.calls()).toBe(Object.values(calls).reduce((sum, n) => sum + n, 0));
  });

  it("prices GraphiQL's Gallery by its real calls, so QUERY_MAX_COST=148 lets it through", async () => {
    // 1 listing of registries + 1 catalog data + 1.12 for the page + 12 catalog data + 12 whole
    // listings of 11 calls under the cap; pullReferences' repositories are already loaded.
    expect(await estimateOf(exampleQuery, 'Gallery')).toBe(148);
    const stack = createStack({ fixture: createDemoCatalog(), limits: { maxCost: 148 }, upstream: { maxRps: 1000 } });
    const gallery = await post(stack, exampleQuery, 'Gallery');
    expect(gallery.errors).toBeUndefined();
    // The demo's 2,600-image repository takes 3 DescribeImages, the other eleven 1 each.
    expect(gallery.extensions?.cost).toMatchObject({
      upstreamCalls: {
        DescribeRegistries: 1,
        GetRegistryCatalogData: 1,
        DescribeRepositories: 1,
        GetRepositoryCatalogData: 12,
        DescribeImages: 14,
      },
    });
    expect(stack.calls()).toBe(29);
  });
});
