import { catalogFixture } from '../helpers/catalog-fixture';
import { dataOf } from '../helpers/data';
import { OTHER_REGISTRY_ID, REGISTRY_ID } from '../helpers/fixture';
import { createStack } from '../helpers/stack';

const REGISTRY_FIELDS = `registryId registryArn registryUri verified displayName
  aliases { name status primaryRegistryAlias defaultRegistryAlias }`;

describe('Query.registry and Query.registries', () => {
  it("answers the caller's own registry by default, display name included", async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{ registry { ${REGISTRY_FIELDS} } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.registry).toEqual({
      registryId: REGISTRY_ID,
      registryArn: `arn:aws:ecr-public::${REGISTRY_ID}:registry/${REGISTRY_ID}`,
      registryUri: 'public.ecr.aws/testco',
      verified: true,
      displayName: 'Test Co',
      aliases: [{ name: 'testco', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
    });
    expect(stack.calls('DescribeRegistries')).toBe(1);
    expect(stack.calls('GetRegistryCatalogData')).toBe(1);
    expect(stack.calls()).toBe(2);
  });

  it('answers several registries by id from one DescribeRegistries call; only the own has a display name', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{
      own: registry { registryId displayName }
      same: registry(registryId: "${REGISTRY_ID}") { registryId displayName }
      other: registry(registryId: "${OTHER_REGISTRY_ID}") { registryId registryUri verified aliases { name } displayName }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      own: { registryId: REGISTRY_ID, displayName: 'Test Co' },
      same: { registryId: REGISTRY_ID, displayName: 'Test Co' },
      other: {
        registryId: OTHER_REGISTRY_ID,
        registryUri: `public.ecr.aws/${OTHER_REGISTRY_ID}`,
        verified: false,
        aliases: [],
        displayName: null,
      },
    });
    expect(stack.calls('DescribeRegistries')).toBe(1);
    expect(stack.calls('GetRegistryCatalogData')).toBe(1);
  });

  it('answers an unknown registry with null and REGISTRY_NOT_FOUND at its path', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query('{ ghost: registry(registryId: "999999999999") { registryId } }');
    expect(response.data).toEqual({ ghost: null });
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['ghost'], extensions: { code: 'REGISTRY_NOT_FOUND' } });
    expect(stack.calls('DescribeRegistries')).toBe(1);
  });

  it('refuses a malformed registry id with BAD_USER_INPUT and no call', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query('{ registry(registryId: "12345") { registryId } }');
    expect(response.data).toEqual({ registry: null });
    expect(response.errors?.[0]).toMatchObject({ path: ['registry'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.calls()).toBe(0);
  });

  it('pages registries one call a page, maxResults = first', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const query = `query($after: String) {
      registries(first: 1, after: $after) { edges { node { registryId } } pageInfo { hasNextPage endCursor } }
    }`;
    const first = await stack.query(query);
    expect(first.data?.registries).toMatchObject({
      edges: [{ node: { registryId: REGISTRY_ID } }],
      pageInfo: { hasNextPage: true },
    });
    const after = dataOf<{ pageInfo: { endCursor: string } }>(first, 'registries').pageInfo.endCursor;
    const second = await stack.query(query, { after });
    expect(second.data?.registries).toMatchObject({
      edges: [{ node: { registryId: OTHER_REGISTRY_ID } }],
      pageInfo: { hasNextPage: false },
    });
    expect(stack.calls('DescribeRegistries')).toBe(2);
    const calls = stack.emulator.calls.all().map((call) => (call.input as { maxResults?: number }).maxResults);
    expect(calls).toEqual([1, 1]);
  });

  it('resolves Repository.registry for many repositories with one DescribeRegistries call', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{
      repositories(first: 10) { edges { node { repositoryName registry { registryId registryUri } } } }
      elsewhere: repository(name: "elsewhere", registryId: "${OTHER_REGISTRY_ID}") { registry { registryId } }
    }`);
    expect(response.errors).toBeUndefined();
    const edges = dataOf<{ edges: { node: { registry: { registryId: string } } }[] }>(response, 'repositories').edges;
    expect(edges).toHaveLength(7);
    for (const edge of edges)
      expect(edge.node.registry).toEqual({ registryId: REGISTRY_ID, registryUri: 'public.ecr.aws/testco' });
    expect(response.data?.elsewhere).toEqual({ registry: { registryId: OTHER_REGISTRY_ID } });
    expect(stack.calls('DescribeRegistries')).toBe(1);
  });

  it('serves DescribeRegistries from the upstream cache on the next request', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    await stack.query('{ registry { registryId } }');
    const again = await stack.query('{ registry { registryId } }', undefined, { 'x-include-cost': '1' });
    expect(again.data?.registry).toEqual({ registryId: REGISTRY_ID });
    expect(stack.calls('DescribeRegistries')).toBe(1);
    expect(again.extensions?.cost).toMatchObject({ upstreamCalls: {}, cacheHits: 1 });
  });
});
