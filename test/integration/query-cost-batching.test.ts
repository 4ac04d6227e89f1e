import { encodeId } from '../../src/schema/support/global-id';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

async function post(stack: Stack, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

/** `query { ...F<n> }`, each F<k> on Query spreading F<k-1> twice: 2^n spreads of F0 when walked naively. */
function spreadBomb(n: number, f0: string): string {
  const fragments = [`fragment F0 on Query { ${f0} }`];
  for (let k = 1; k <= n; k++) fragments.push(`fragment F${k} on Query { ...F${k - 1} ...F${k - 1} }`);
  return `query { ...F${n} } ${fragments.join(' ')}`;
}

const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

describe('the fragment-spread bomb is priced in linear time', () => {
  it('answers n = 30 over one cheap lookup with the one call execution makes', async () => {
    const stack = createStack();
    const response = await post(stack, spreadBomb(30, 'repository(name: "web/frontend") { repositoryName }'));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ repository: { repositoryName: 'web/frontend' } });
    // Execution collects each fragment once per selection set, so 2^30 spreads are one field.
    expect(stack.calls()).toBe(1);
  }, 5000);

  it('refuses n = 30 over a field past the limit before any call', async () => {
    const stack = createStack();
    const expensive = 'repositories(first: 1000) { edges { node { catalogData { description } } } }';
    const response = await post(stack, spreadBomb(30, expensive));
    expect(response.data).toBeUndefined();
    expect(code(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/about 1011 ECR Public calls/);
    expect(stack.calls()).toBe(0);
  }, 5000);
});

describe('a document too complex to price', () => {
  it('is refused as QUERY_TOO_COMPLEX, within the default token and alias limits, before any call', async () => {
    const stack = createStack();
    // 250 aliased lookups, each spreading a chain of 300 fragments: cheap (3 calls), yet 150,000
    // selections to weigh, since each known repository walks the chain again.
    const aliases = Array.from({ length: 250 }, (_, i) => `r${i}: repository(name: "r${i}") { ...F0 }`);
    const chain = Array.from({ length: 300 }, (_, k) => `fragment F${k} on Repository { repositoryName ...F${k + 1} }`);
    const query = `{ ${aliases.join(' ')} } ${chain.join(' ')} fragment F300 on Repository { repositoryName }`;
    const response = await post(stack, query);
    expect(response.data).toBeUndefined();
    expect(code(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/too complex to price/);
    expect(stack.calls()).toBe(0);
  }, 5000);
});

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Image { imageDigest } } }';
const imageOf = (repositoryName: string, i: number) => ({
  __typename: 'Image',
  registryId: REGISTRY_ID,
  repositoryName,
  imageDigest: digestOf(`${repositoryName}#${i}`),
});

describe('lookups are priced by the calls their batches make', () => {
  it('refuses 300 _entities in 300 repositories under QUERY_MAX_COST=50 before any call', async () => {
    const stack = createStack({ limits: { maxCost: 50 } });
    const spread = Array.from({ length: 300 }, (_, i) => imageOf(`team/repo-${i}`, i));
    const response = await post(stack, ENTITIES, { r: spread });
    expect(response.data).toBeUndefined();
    expect(code(response)).toBe('QUERY_TOO_COMPLEX');
    expect(response.errors?.[0]?.message).toMatch(/about 300 ECR Public calls/);
    expect(stack.calls()).toBe(0);
  });

  it('answers 100 _entities of one repository under QUERY_MAX_COST=50 with one DescribeImages', async () => {
    const stack = createStack({ limits: { maxCost: 50 } });
    const together = Array.from({ length: 100 }, (_, i) => imageOf('big/listing', i));
    const response = await post(stack, ENTITIES, { r: together });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toHaveLength(100);
    expect(stack.calls('DescribeImages')).toBe(1);
    expect(stack.calls()).toBe(1);
  });

  it('refuses nodes(ids:) in 60 repositories under QUERY_MAX_COST=50 before any call', async () => {
    const stack = createStack({ limits: { maxCost: 50 } });
    const ids = Array.from({ length: 60 }, (_, i) => encodeId('Repository', `${REGISTRY_ID}:team/repo-${i}`));
    const spread = Array.from({ length: 60 }, (_, i) => encodeId('Repository', `${String(100000000000 + i)}:team/x`));
    const one = await post(stack, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    // 60 names of one registry are one DescribeRepositories; 60 registries are 60. The first is
    // executed (these repositories do not exist, so isolating them may meet the runtime budget,
    // never more than QUERY_MAX_COST calls); the second is refused before any call.
    expect(one.data).toBeDefined();
    const calls = stack.calls();
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(50);
    const response = await post(stack, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: spread });
    expect(code(response)).toBe('QUERY_TOO_COMPLEX');
    expect(stack.calls()).toBe(calls);
  });
});

describe("an image's repository is priced as its lookups really call", () => {
  const REFS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Image { pullReferences } } }';
  const three = ['web/frontend', 'web/backend', 'big/listing'].flatMap((name) =>
    Array.from({ length: 10 }, (_, i) => imageOf(name, i)),
  );

  it('prices 30 entities of three repositories at 3 DescribeImages and 3 DescribeRepositories, and makes no more', async () => {
    const refused = createStack({ limits: { maxCost: 5 } });
    const response = await post(refused, REFS, { r: three });
    expect(response.errors?.[0]?.message).toMatch(/about 6 ECR Public calls/);
    expect(refused.calls()).toBe(0);

    const stack = createStack({ limits: { maxCost: 6 } });
    const answered = await post(stack, REFS, { r: three });
    expect(answered.errors).toBeUndefined();
    expect(stack.calls('DescribeImages')).toBe(3);
    expect(stack.calls('DescribeRepositories')).toBeLessThanOrEqual(3);
  });

  it('prices pullReferences under their own repository at nothing: it is already loaded', async () => {
    const stack = createStack({ limits: { maxCost: 3 } });
    const query =
      '{ repository(name: "web/frontend") { images(first: 40) { edges { node { pullReferences repository { repositoryName } } } } } }';
    const response = await post(stack, query);
    expect(response.errors).toBeUndefined();
    expect(stack.calls('DescribeRepositories')).toBe(1);
    expect(stack.calls()).toBe(2);
  });
});

describe('a hard cap on ids in one field', () => {
  it('refuses 1001 _entities representations as BAD_USER_INPUT before any call', async () => {
    const stack = createStack({ limits: { maxCost: 10_000_000 } });
    const many = Array.from({ length: 1001 }, (_, i) => imageOf('big/listing', i));
    const response = await post(stack, ENTITIES, { r: many });
    expect(response.data).toBeUndefined();
    expect(code(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/at most 1000 representations/);
    expect(stack.calls()).toBe(0);
  });

  it('refuses 1001 nodes ids as BAD_USER_INPUT before any call', async () => {
    const stack = createStack({ limits: { maxCost: 10_000_000 } });
    const ids = Array.from({ length: 1001 }, (_, i) =>
      encodeId('Image', `${REGISTRY_ID}:big/listing@${digestOf(`big/listing#${i}`)}`),
    );
    const response = await post(stack, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(response.data).toBeUndefined();
    expect(code(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/at most 1000 ids/);
    expect(stack.calls()).toBe(0);
  });
});
