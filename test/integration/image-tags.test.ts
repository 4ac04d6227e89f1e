import { catalogFixture } from '../helpers/catalog-fixture';
import { dataOf } from '../helpers/data';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack, type GraphQLResponse } from '../helpers/stack';

const IMAGE_FIELDS = `id registryId repositoryName imageDigest imageTags imageSizeInBytes imagePushedAt
  imageManifestMediaType artifactMediaType`;

const PAGE = `query($name: String!, $first: Int, $after: String) {
  repository(name: $name) {
    imageTags(first: $first, after: $after) {
      edges { cursor node { imageTag createdAt image { imageDigest imagePushedAt imageSizeInBytes } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

interface TagPage {
  edges: {
    cursor: string;
    node: { imageTag: string; createdAt: string; image: Record<string, unknown> & { imageDigest: string } };
  }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const tagsOf = (response: GraphQLResponse): TagPage => dataOf<{ imageTags: TagPage }>(response, 'repository').imageTags;

/** web/frontend's tags in DescribeImageTags' order: every image but each tenth, one tag each. */
const FRONTEND_TAGS = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 9);

describe('Repository.imageTags', () => {
  it('walks every tag, one DescribeImageTags call a page and none for the image fields at hand', async () => {
    const stack = createStack();
    const seen: TagPage['edges'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = tagsOf(await stack.query(PAGE, { name: 'web/frontend', first: 10, after }));
      seen.push(...page.edges);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      expect(page.pageInfo.hasPreviousPage).toBe(false);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(4);
    expect(seen.map((edge) => edge.node.imageTag)).toEqual(FRONTEND_TAGS.map((i) => `v${i}`));
    seen.forEach((edge, n) => {
      const i = FRONTEND_TAGS[n] as number;
      expect(edge.node.image).toEqual({
        imageDigest: digestOf(`web/frontend#${i}`),
        imagePushedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
        imageSizeInBytes: 5_000_000_000 + i,
      });
      expect(edge.node.createdAt).toBe(edge.node.image.imagePushedAt);
    });
    expect(stack.calls('DescribeImageTags')).toBe(4);
    expect(stack.calls('DescribeImages')).toBe(0);
    const sizes = stack.emulator.calls
      .all()
      .filter((call) => call.operation === 'DescribeImageTags')
      .map((call) => (call.input as { maxResults?: number }).maxResults);
    expect(sizes).toEqual([10, 10, 10, 10]);
  });

  it('resumes from a mid-page edge at the very next tag, and on to the end', async () => {
    const stack = createStack();
    const first = tagsOf(await stack.query(PAGE, { name: 'web/frontend', first: 10 }));
    const resumed = tagsOf(await stack.query(PAGE, { name: 'web/frontend', first: 5, after: first.edges[3]?.cursor }));
    expect(resumed.edges.map((edge) => edge.node.imageTag)).toEqual(['v4', 'v5', 'v6', 'v7', 'v8']);
    const rest = tagsOf(
      await stack.query(PAGE, { name: 'web/frontend', first: 100, after: resumed.pageInfo.endCursor }),
    );
    expect(rest.edges.map((edge) => edge.node.imageTag)).toEqual(FRONTEND_TAGS.slice(9).map((i) => `v${i}`));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect(stack.calls('DescribeImageTags')).toBe(3);
  });

  it("gives each tag's full Image: its other tags through one batched DescribeImages call per page", async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const query = `{ repository(name: "mixed/order") {
      imageTags(first: 10) { edges { node { imageTag image { ${IMAGE_FIELDS} pullReferences } } } }
    } }`;
    const response = await stack.query(query);
    expect(response.errors).toBeUndefined();
    const edges = dataOf<{
      imageTags: { edges: { node: { imageTag: string; image: Record<string, unknown> } }[] };
    }>(response, 'repository').imageTags.edges;
    expect(edges.map((edge) => edge.node.imageTag)).toEqual(['1.4.2', 'latest', '1.40', 'Beta-1', '1.3']);
    expect(stack.calls('DescribeImageTags')).toBe(1);
    expect(stack.calls('DescribeImages')).toBe(1);
    const batch = stack.emulator.calls.all().find((call) => call.operation === 'DescribeImages');
    // Four distinct images behind five tags: asked once each, by digest.
    expect((batch?.input as { imageIds?: unknown[] } | undefined)?.imageIds).toHaveLength(4);

    // Every field equals what a by-digest lookup of the same image answers.
    const lookups = edges
      .map((edge, n) => `i${n}: image(digest: "${edge.node.image.imageDigest}") { ${IMAGE_FIELDS} pullReferences }`)
      .join('\n');
    const direct = await stack.query(
      `{ repository(name: "mixed/order", registryId: "${REGISTRY_ID}") { ${lookups} } }`,
    );
    const images = direct.data?.repository as Record<string, unknown>;
    edges.forEach((edge, n) => {
      expect(edge.node.image).toEqual(images[`i${n}`]);
    });
    expect(edges[1]?.node.image.imageTags).toEqual(['1.4.2', 'latest']);
  });

  it('refuses first: 1001 and a cursor of the images listing with BAD_USER_INPUT and no call', async () => {
    const stack = createStack();
    const images = await stack.query(
      '{ repository(name: "web/frontend") { images(first: 2) { pageInfo { endCursor } } } }',
    );
    const imagesCursor = dataOf<{ images: { pageInfo: { endCursor: string } } }>(images, 'repository').images.pageInfo
      .endCursor;
    for (const args of [{ first: 1001 }, { first: 5, after: imagesCursor }]) {
      const response = await stack.query(PAGE, { name: 'web/frontend', ...args });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(stack.calls('DescribeImageTags')).toBe(0);
  });

  it('answers first: 0 with an empty page and no DescribeImageTags call', async () => {
    const stack = createStack();
    const page = tagsOf(await stack.query(PAGE, { name: 'web/frontend', first: 0 }));
    expect(page.edges).toEqual([]);
    expect(stack.calls('DescribeImageTags')).toBe(0);
  });
});
