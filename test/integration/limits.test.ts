import { getIntrospectionQuery } from 'graphql';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack, type Stack } from '../helpers/stack';

async function post(stack: Stack, body: string, contentType = 'application/json') {
  const response = await stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  const text = await response.text();
  let json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const query = (stack: Stack, q: string, variables?: Record<string, unknown>) =>
  post(stack, JSON.stringify({ query: q, variables }));

/** Refused before execution: a 4xx, or errors and no data; and nothing sent upstream. */
function expectRefused(stack: Stack, result: Awaited<ReturnType<typeof post>>) {
  const refused = result.status >= 400 || (result.json?.errors?.length && result.json.data === undefined);
  expect({ refused: Boolean(refused), status: result.status, body: result.text.slice(0, 300) }).toMatchObject({
    refused: true,
  });
  expect(result.status).toBeLessThan(500);
  expect(stack.calls()).toBe(0);
}

function nested(depth: number): string {
  let selection = 'repositoryName';
  for (let i = 0; i < depth; i++) selection = `repository { ${selection} }`;
  return `{ repository(name: "web/frontend") { image(tag: "v1") { ${selection} } } }`;
}

describe('hostile queries are refused before any upstream call', () => {
  it.each([
    ['a depth bomb', () => nested(25)],
    [
      '1,000 aliases of images(first: 100)',
      () =>
        `{ repository(name: "web/frontend") { ${Array.from({ length: 1000 }, (_, i) => `a${i}: images(first: 100) { edges { cursor } }`).join(' ')} } }`,
    ],
    ['a 200 KB document', () => `{ repository(name: "web/frontend") { repositoryName } }${' '.repeat(200_000)}# end`],
    [
      '10,000 directives',
      () => `{ repository(name: "web/frontend") { repositoryName ${'@include(if: true) '.repeat(10_000)} } }`,
    ],
    ['deep ofType introspection', () => `{ __schema { types { ${'ofType { '.repeat(40)}name${' }'.repeat(40)} } } }`],
    ['first: 1000000', () => '{ repository(name: "web/frontend") { images(first: 1000000) { edges { cursor } } } }'],
    [
      'a nested listing beyond the cost limit',
      () => '{ repositories(first: 1000) { edges { node { images(first: 1000) { edges { cursor } } } } } }',
    ],
  ])('%s', async (_label, build) => {
    const stack = createStack();
    expectRefused(stack, await query(stack, build()));
  });

  it('a JSON array of 100 operations', async () => {
    const stack = createStack();
    const batch = JSON.stringify(
      Array.from({ length: 100 }, () => ({ query: '{ repository(name: "web/frontend") { repositoryName } }' })),
    );
    expectRefused(stack, await post(stack, batch));
  });

  it('a body that is not JSON, and a form post', async () => {
    const stack = createStack();
    expectRefused(stack, await post(stack, '{ repository(name: "web/frontend") { repositoryName } }', 'text/plain'));
    expectRefused(stack, await post(stack, 'query=%7B__typename%7D', 'application/x-www-form-urlencoded'));
    expectRefused(stack, await post(stack, '{"query": '));
  });

  it('a body larger than the cap', async () => {
    const stack = createStack();
    const result = await post(
      stack,
      JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_000_000) } }),
    );
    expect(result.status).toBe(413);
    expect(stack.calls()).toBe(0);
  });

  it('names the cost in its refusal', async () => {
    const stack = createStack();
    const result = await query(
      stack,
      '{ repositories(first: 1000) { edges { node { images(first: 1000) { edges { cursor } } } } } }',
    );
    expect(result.json?.errors?.[0]).toMatchObject({ extensions: { code: 'QUERY_TOO_COMPLEX' } });
    expect(result.json?.errors?.[0]?.message).toMatch(/cost about \d+ ECR Public calls/);
  });

  it('suggests no field names', async () => {
    const stack = createStack();
    const result = await query(stack, '{ repositry(name: "web/frontend") { repositoryName } }');
    expectRefused(stack, result);
    expect(result.text).not.toMatch(/Did you mean/);
    expect(result.text).not.toContain('"repository"');
  });
});

describe('ordinary traffic passes', () => {
  it("GraphiQL's introspection query", async () => {
    const stack = createStack();
    const result = await query(
      stack,
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expect(result.status).toBe(200);
    expect(result.json?.errors).toBeUndefined();
  });

  it('100 aliased image lookups', async () => {
    const stack = createStack();
    const lookups = Array.from(
      { length: 100 },
      (_, i) => `i${i}: image(digest: "${digestOf(`big/listing#${i}`)}") { imageDigest }`,
    );
    const result = await query(stack, `{ repository(name: "big/listing") { ${lookups.join(' ')} } }`);
    expect(result.json?.errors).toBeUndefined();
    expect(stack.calls('DescribeImages')).toBe(1);
  });

  it("a router's _entities query for 100 representations", async () => {
    const stack = createStack();
    const representations = Array.from({ length: 100 }, (_, i) => ({
      __typename: 'Image',
      registryId: REGISTRY_ID,
      repositoryName: 'big/listing',
      imageDigest: digestOf(`big/listing#${i}`),
    }));
    const result = await query(
      stack,
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Image { imageTags imageSizeInBytes repository { repositoryName images(first: 1) { edges { node { imageDigest } } } } }
      } }`,
      { representations },
    );
    expect(result.json?.errors).toBeUndefined();
    expect((result.json?.data as { _entities?: unknown[] } | undefined)?._entities).toHaveLength(100);
    expect(stack.calls('DescribeImages')).toBe(2);
  });

  it('a page of first: 1000', async () => {
    const stack = createStack();
    const result = await query(
      stack,
      '{ repository(name: "big/listing") { images(first: 1000) { edges { cursor node { imageDigest imageTags imageSizeInBytes imagePushedAt } } } } }',
    );
    expect(result.json?.errors).toBeUndefined();
    expect(stack.calls('DescribeImages')).toBe(1);
  });
});
