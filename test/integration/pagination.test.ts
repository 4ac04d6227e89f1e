import { digestOf } from '../helpers/fixture';
import { createStack, type GraphQLResponse } from '../helpers/stack';

const PAGE = `
  query Page($name: String!, $first: Int, $after: String) {
    repository(name: $name) {
      images(first: $first, after: $after) {
        edges { cursor node { imageDigest imageTags imageSizeInBytes imagePushedAt } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }`;

interface ImagesPage {
  edges: { cursor: string; node: { imageDigest: string; imageTags: string[]; imageSizeInBytes: number } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const imagesOf = (response: GraphQLResponse): ImagesPage =>
  (response.data?.repository as { images: ImagesPage } | undefined)?.images as ImagesPage;

describe('Repository.images', () => {
  it('walks 2,500 images with first: 100 in exactly 25 DescribeImages calls, each image once, in order', async () => {
    const stack = createStack();
    const digests: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response = await stack.query(PAGE, { name: 'big/listing', first: 100, after });
      expect(response.errors).toBeUndefined();
      const page = imagesOf(response);
      digests.push(...page.edges.map((edge) => edge.node.imageDigest));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(25);
    expect(digests).toEqual(Array.from({ length: 2500 }, (_, i) => digestOf(`big/listing#${i}`)));
    expect(stack.calls('DescribeImages')).toBe(25);
    const maxResults = stack.emulator.calls
      .all()
      .filter((call) => call.operation === 'DescribeImages')
      .map((call) => (call.input as { maxResults?: number }).maxResults);
    expect(new Set(maxResults)).toEqual(new Set([100]));
  });

  it('resumes from a mid-page edge at the very next edge', async () => {
    const stack = createStack();
    const first = imagesOf(await stack.query(PAGE, { name: 'web/frontend', first: 10 }));
    const middle = first.edges[3];
    const resumed = imagesOf(await stack.query(PAGE, { name: 'web/frontend', first: 5, after: middle?.cursor }));
    expect(resumed.edges.map((edge) => edge.node.imageDigest)).toEqual(
      [4, 5, 6, 7, 8].map((i) => digestOf(`web/frontend#${i}`)),
    );
    // And from the resumed page's own edges, onwards to the end with nothing skipped or repeated.
    const rest = imagesOf(
      await stack.query(PAGE, { name: 'web/frontend', first: 100, after: resumed.pageInfo.endCursor }),
    );
    expect(rest.edges.map((edge) => edge.node.imageDigest)).toEqual(
      Array.from({ length: 31 }, (_, i) => digestOf(`web/frontend#${i + 9}`)),
    );
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('carries sizes past 2^32 exactly and untagged images with no tags', async () => {
    const stack = createStack();
    const page = imagesOf(await stack.query(PAGE, { name: 'web/frontend', first: 10 }));
    expect(page.edges[0]?.node.imageSizeInBytes).toBe(5_000_000_000);
    expect(page.edges[9]?.node.imageTags).toEqual([]);
  });

  it('answers first: 0 with an empty page and no upstream call', async () => {
    const stack = createStack();
    const response = await stack.query(PAGE, { name: 'web/frontend', first: 0 });
    expect(imagesOf(response).edges).toEqual([]);
    expect(stack.calls('DescribeImages')).toBe(0);
  });

  it.each([
    ['first: 1001', { first: 1001 }],
    ['first: -1', { first: -1 }],
    ['a malformed cursor', { first: 5, after: 'not-a-cursor' }],
  ])('refuses %s with BAD_USER_INPUT and no call', async (_label, args) => {
    const stack = createStack();
    const response = await stack.query(PAGE, { name: 'web/frontend', ...args });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.calls('DescribeImages')).toBe(0);
  });

  it('refuses a tampered cursor and a cursor of another repository, with no call', async () => {
    const stack = createStack();
    const page = imagesOf(await stack.query(PAGE, { name: 'web/frontend', first: 3 }));
    const cursor = page.pageInfo.endCursor as string;
    const [payload, signature] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...decoded, s: decoded.s + 1 })).toString('base64url')}.${signature}`;
    const before = stack.calls('DescribeImages');
    for (const [name, after] of [
      ['web/frontend', tampered],
      ['web/backend', cursor],
    ]) {
      const response = await stack.query(PAGE, { name, first: 3, after });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(stack.calls('DescribeImages')).toBe(before);
  });

  it('has no backward paging arguments', async () => {
    const stack = createStack();
    const response = await stack.query('{ repository(name: "web/frontend") { images(last: 2) { edges { cursor } } } }');
    expect(response.errors?.[0]?.message).toMatch(/Unknown argument "last"/);
    expect(stack.calls()).toBe(0);
  });
});

describe('Query.repositories', () => {
  it("pages through the caller's repositories and another registry's", async () => {
    const stack = createStack();
    const query = `query($first: Int, $after: String, $registryId: String) {
      repositories(first: $first, after: $after, registryId: $registryId) {
        edges { node { repositoryName registryId repositoryArn repositoryUri createdAt } }
        pageInfo { hasNextPage endCursor }
      }
    }`;
    const first = await stack.query(query, { first: 3 });
    const page = first.data?.repositories as {
      edges: { node: { repositoryName: string } }[];
      pageInfo: { endCursor: string; hasNextPage: boolean };
    };
    expect(page.edges.map((edge) => edge.node.repositoryName)).toEqual(['big/listing', 'web/frontend', 'web/backend']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query(query, { first: 3, after: page.pageInfo.endCursor });
    expect(second.data?.repositories).toMatchObject({
      edges: [{ node: { repositoryName: 'empty', repositoryUri: 'public.ecr.aws/testco/empty' } }],
      pageInfo: { hasNextPage: false },
    });
    const other = await stack.query(query, { registryId: '444455556666' });
    expect(other.data?.repositories).toMatchObject({ edges: [{ node: { repositoryName: 'elsewhere' } }] });
    expect(stack.calls('DescribeRepositories')).toBe(3);
  });
});
