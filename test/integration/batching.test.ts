import { encodeId } from '../../src/schema/support/global-id';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack } from '../helpers/stack';

const tagged = (count: number) =>
  Array.from({ length: count * 2 }, (_, i) => i)
    .filter((i) => i % 10 !== 9)
    .slice(0, count);

describe('image lookups', () => {
  it('answers sixty aliased lookups over two repositories with one call per repository plus isolation', async () => {
    const stack = createStack();
    // web/frontend: 25 tags, 3 duplicate tags, the digest of a tagged image, and one missing tag (30).
    const front = [
      ...tagged(25).map((i) => `tag: "v${i}"`),
      'tag: "v0"',
      'tag: "v1"',
      'tag: "v2"',
      `digest: "${digestOf('web/frontend#1')}"`,
      'tag: "no-such-tag"',
    ];
    // web/backend: 28 tags and two duplicates (30).
    const back = [...tagged(28).map((i) => `tag: "v${i}"`), 'tag: "v3"', 'tag: "v4"'];
    const fields = (ids: string[]) => ids.map((id, n) => `i${n}: image(${id}) { imageDigest imageTags }`).join('\n');
    const response = await stack.query(`{
      front: repository(name: "web/frontend") { ${fields(front)} }
      back: repository(name: "web/backend") { ${fields(back)} }
    }`);

    const errors = response.errors ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: ['front', 'i29'], extensions: { code: 'IMAGE_NOT_FOUND' } });
    expect(errors[0]?.message).toContain('no-such-tag');

    const frontData = response.data?.front as Record<string, { imageDigest: string; imageTags: string[] } | null>;
    const backData = response.data?.back as Record<string, { imageDigest: string; imageTags: string[] } | null>;
    expect(frontData.i29).toBeNull();
    tagged(25).forEach((i, n) => {
      expect(frontData[`i${n}`]?.imageDigest).toBe(digestOf(`web/frontend#${i}`));
    });
    expect(frontData.i28?.imageDigest).toBe(digestOf('web/frontend#1'));
    tagged(28).forEach((i, n) => {
      expect(backData[`i${n}`]?.imageTags).toEqual([`v${i}`]);
    });

    // One call per repository; the missing tag costs one more call for web/frontend.
    expect(stack.calls('DescribeImages')).toBe(3);
    expect(stack.calls('DescribeRepositories')).toBe(1);
    const firstBatch = stack.emulator.calls.all().find((call) => call.operation === 'DescribeImages');
    // Duplicates were asked once: 25 tags + 1 digest + 1 missing tag.
    expect((firstBatch?.input as { imageIds?: unknown[] } | undefined)?.imageIds).toHaveLength(27);
  });

  it('splits more than 100 distinct ids into calls of 100', async () => {
    const stack = createStack();
    const ids = Array.from(
      { length: 250 },
      (_, i) => `i${i}: image(digest: "${digestOf(`big/listing#${i}`)}") { imageDigest }`,
    );
    const response = await stack.query(`{ repository(name: "big/listing") { ${ids.join('\n')} } }`);
    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data?.repository as object)).toHaveLength(250);
    expect(stack.calls('DescribeImages')).toBe(3);
  });

  it('refuses image() with neither or both of tag and digest, and a malformed digest, with no call', async () => {
    const stack = createStack();
    for (const args of [
      '',
      `tag: "v1", digest: "${digestOf('x')}"`,
      'digest: "md5:abc"',
      `tag: "${'x'.repeat(301)}"`,
    ]) {
      const call = args ? `image(${args})` : 'image';
      const response = await stack.query(`{ repository(name: "web/frontend") { ${call} { imageDigest } } }`);
      expect(response.errors?.[0]).toMatchObject({
        path: ['repository', 'image'],
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect(stack.calls('DescribeImages')).toBe(0);
  });

  it('resolves node and nodes through the same batched loaders, null for unknown ids', async () => {
    const stack = createStack();
    const listing = await stack.query(
      '{ repository(name: "web/backend") { id images(first: 5) { edges { node { id imageDigest } } } } }',
    );
    const repo = listing.data?.repository as { id: string; images: { edges: { node: { id: string } }[] } };
    const imageIds = repo.images.edges.map((edge) => edge.node.id);

    const fresh = createStack();
    const missingImage = encodeId('Image', `${REGISTRY_ID}:web/backend@${digestOf('nope')}`);
    const missingRepo = encodeId('Repository', `${REGISTRY_ID}:no/such`);
    const response = await fresh.query(
      `query($ids: [ID!]!, $repo: ID!) {
        nodes(ids: $ids) { id ... on Image { imageDigest } ... on Repository { repositoryName } }
        node(id: $repo) { id ... on Repository { repositoryName } }
      }`,
      { ids: [...imageIds, missingImage, missingRepo], repo: repo.id },
    );
    const nodes = response.data?.nodes as ({ id: string } | null)[];
    expect(nodes.slice(0, 5).map((node) => node?.id)).toEqual(imageIds);
    expect(nodes[5]).toBeNull();
    expect(nodes[6]).toBeNull();
    expect(response.data?.node).toMatchObject({ repositoryName: 'web/backend' });
    const codes = (response.errors ?? []).map((error) => [error.path, error.extensions?.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [['nodes', 5], 'IMAGE_NOT_FOUND'],
        [['nodes', 6], 'REPOSITORY_NOT_FOUND'],
      ]),
    );
    // 6 image ids in one repository: one call, plus one to isolate the missing one.
    expect(fresh.calls('DescribeImages')).toBe(2);
    // Two repository names in one registry: one call, plus one to isolate the missing one.
    expect(fresh.calls('DescribeRepositories')).toBe(2);
  });

  it('nulls only the malformed or unknown ids of nodes(ids:), not the list or its siblings', async () => {
    const stack = createStack();
    const good = encodeId('Repository', `${REGISTRY_ID}:web/backend`);
    const response = await stack.query(
      'query($ids: [ID!]!) { nodes(ids: $ids) { id } repository(name: "web/frontend") { repositoryName } }',
      { ids: ['!!!', encodeId('Foo', 1), good] },
    );
    expect(response.data).toEqual({
      nodes: [null, null, { id: good }],
      repository: { repositoryName: 'web/frontend' },
    });
    expect((response.errors ?? []).map((error) => [error.path, error.extensions?.code])).toEqual([
      [['nodes', 0], 'BAD_USER_INPUT'],
      [['nodes', 1], 'BAD_USER_INPUT'],
    ]);
  });

  it('refuses a malformed global id as BAD_USER_INPUT with no call', async () => {
    const stack = createStack();
    const bad = ['garbage!!', encodeId('Image', 'nonsense'), encodeId('Unknown', '1:2')];
    for (const id of bad) {
      const response = await stack.query('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(response.data?.node ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(stack.calls()).toBe(0);
  });
});
