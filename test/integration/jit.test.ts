import { parse } from 'graphql';
import { jitSafe } from '../../src/plugins/execution/jit-safe';
import { schema } from '../../src/schema';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

// A document is interpreted by graphql-js the first time and compiled by graphql-jit from the
// second on (plugins/jit.ts): asking twice compares the two.
async function twice(stack: Stack, query: string, variables?: Record<string, unknown>, operationName?: string) {
  const ask = async () => {
    const response = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return normalized((await response.json()) as GraphQLResponse);
  };
  const interpreted = await ask();
  const compiled = await ask();
  return { interpreted, compiled };
}

/** Error order follows which call settled first, and request ids differ: neither is the executor's. */
function normalized(body: GraphQLResponse): GraphQLResponse {
  for (const error of body.errors ?? []) {
    const aws = error.extensions?.aws as { requestId?: string } | undefined;
    if (aws) aws.requestId = 'id';
  }
  body.errors?.sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
  return body;
}

const imageRep = (repositoryName: string, seed: string) => ({
  __typename: 'Image',
  registryId: REGISTRY_ID,
  repositoryName,
  imageDigest: digestOf(seed),
});

describe('graphql-jit for repeated queries', () => {
  it('answers a page, its cursors and errors exactly as graphql-js does', async () => {
    const stack = createStack();
    const page = await twice(
      stack,
      '{ repository(name: "web/frontend") { images(first: 15) { edges { cursor node { id imageDigest imageTags imageSizeInBytes imagePushedAt } } pageInfo { hasNextPage endCursor } } } }',
    );
    expect(page.compiled).toEqual(page.interpreted);
    const lookups = await twice(
      stack,
      '{ repository(name: "web/frontend") { a: image(tag: "v1") { imageDigest } b: image(tag: "nope") { imageDigest } c: image(tag: "v2", digest: "sha256:x") { imageDigest } } missing: repository(name: "no/such") { repositoryName } }',
    );
    expect(lookups.interpreted.errors).toHaveLength(3);
    expect(lookups.compiled.errors?.[0]).toHaveProperty('locations');
    expect(lookups.compiled).toEqual(lookups.interpreted);
  });

  it('keeps each entity at its index when some are missing (not compiled: see jit.ts)', async () => {
    const stack = createStack();
    // Missing ones first, so a null put at the end of the list instead of at its index would show.
    const representations = [
      imageRep('web/frontend', 'no-such-image'),
      { __typename: 'Repository', registryId: REGISTRY_ID, repositoryName: 'gone/away' },
      ...Array.from({ length: 6 }, (_, i) => imageRep('web/frontend', `web/frontend#${i}`)),
    ];
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Image { imageDigest } ... on Repository { repositoryName } } }';
    const { interpreted, compiled } = await twice(stack, query, { r: representations });
    const entities = interpreted.data?._entities as unknown[];
    expect(entities).toHaveLength(8);
    expect(entities.slice(0, 2)).toEqual([null, null]);
    expect(compiled).toEqual(interpreted);
  });

  it('runs the operation that operationName names in a document of several (not compiled)', async () => {
    const stack = createStack();
    const document =
      'query Names { repository(name: "web/frontend") { repositoryName } } query Arn { repository(name: "web/frontend") { repositoryArn } }';
    await twice(stack, document, undefined, 'Arn');
    const names = await twice(stack, document, undefined, 'Names');
    expect(names.compiled).toEqual({ data: { repository: { repositoryName: 'web/frontend' } } });
  });

  it('answers a variable left to its default as graphql-js does (not compiled: see jit.ts)', async () => {
    const stack = createStack();
    const query =
      'query ($name: String! = "web/frontend", $first: Int = 2) { repository(name: $name) { images(first: $first) { edges { cursor } } } }';
    const { interpreted, compiled } = await twice(stack, query);
    expect(interpreted.errors).toBeUndefined();
    expect(compiled).toEqual(interpreted);
  });

  it('compiles only documents with one operation and no list of nullable or abstract items', () => {
    const safe = (query: string) => jitSafe(schema, parse(query));
    expect(safe('{ repository(name: "a") { images { edges { node { imageTags } } } } }')).toBe(true);
    expect(safe('query A { __typename } query B { __typename }')).toBe(false);
    expect(safe('{ nodes(ids: ["x"]) { id } }')).toBe(false);
    expect(safe('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }')).toBe(false);
    expect(safe('query ($n: String! = "a") { repository(name: $n) { repositoryName } }')).toBe(false);
    expect(safe('query ($n: String!) { repository(name: $n) { repositoryName } }')).toBe(true);
  });

  it('still counts the calls a compiled query makes', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0 } });
    const query = '{ repository(name: "web/backend") { images(first: 3) { edges { cursor } } } }';
    await twice(stack, query);
    expect(stack.calls('DescribeImages')).toBe(2);
    expect(stack.calls('DescribeRepositories')).toBe(2);
  });
});
