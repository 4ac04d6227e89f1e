import { createDemoCatalog } from '../../src/emulator';
import { exampleQuery } from '../../src/graphiql-example';
import { dataOf } from '../helpers/data';
import { createStack, type GraphQLResponse } from '../helpers/stack';

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
