/**
 * Federation (CONTRACT.md "Federation", "Batching", "Errors"): the gateway as a Federation v2
 * subgraph. Its SDL composes with both composition libraries beside a second subgraph that extends
 * `Image` and `Repository` by their keys; a real federation gateway (Apollo Gateway) joins the two
 * over HTTP; and a router's `_entities` queries are batched per repository, isolate missing and
 * malformed keys, and answer in request order. Upstream cost is read from the emulator's call log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import {
  buildSchema,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isObjectType,
  parse,
} from 'graphql';
import { createYoga } from 'graphql-yoga';
import {
  createDeploymentsSubgraph,
  DEPLOYMENTS_SDL,
  type DeploymentRecord,
  findingsFor,
  type ImageKey,
} from '../helpers/deployments-subgraph';
import { digestOf, OTHER_REGISTRY_ID, REGISTRY_ID } from '../helpers/fixture';
import { serve } from '../helpers/http-server';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

const ROOT = path.resolve(__dirname, '../..');

/** A subgraph that owns the supergraph's `Node` and `Query.node` (SUBGRAPH_NODE_FIELDS=false). */
const NODE_OWNER_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  interface Node {
    id: ID!
  }

  type Team implements Node @key(fields: "id") {
    id: ID!
    name: String!
  }

  type Query {
    node(id: ID!): Node
    nodes(ids: [ID!]!): [Node]!
  }
`;

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Image {
        registryId
        repositoryName
        imageDigest
        imageTags
      }
      ... on Repository {
        registryId
        repositoryName
        repositoryArn
      }
    }
  }
`;

// --- the fixture's images, as the contract's fields show them (test/helpers/fixture.ts) ---------

const tagsOf = (i: number): string[] => (i % 10 === 9 ? [] : [`v${i}`]);
const imageKey = (repositoryName: string, i: number, registryId = REGISTRY_ID): ImageKey => ({
  registryId,
  repositoryName,
  imageDigest: digestOf(`${repositoryName}#${i}`),
});
const imageRep = (key: ImageKey) => ({ __typename: 'Image', ...key });
const repositoryRep = (repositoryName: string, registryId = REGISTRY_ID) => ({
  __typename: 'Repository',
  registryId,
  repositoryName,
});

// --- helpers ---------------------------------------------------------------------------------

async function sdlOf(stack: Stack): Promise<string> {
  const response = await stack.query('{ _service { sdl } }');
  expect(response.errors).toBeUndefined();
  return (response.data?._service as { sdl: string } | undefined)?.sdl ?? '';
}

interface Subgraph {
  name: string;
  sdl: string;
}

/** Composes with both libraries; each result's API schema, or its errors. */
function composeBoth(subgraphs: Subgraph[]) {
  const services = subgraphs.map(({ name, sdl }) => ({
    name,
    typeDefs: parse(sdl),
    url: `http://${name}.invalid/graphql`,
  }));
  const apollo = composeWithApollo(services);
  const guild = composeWithGuild(services);
  return {
    apollo: {
      errors: apollo.errors?.map((error) => error.message),
      supergraphSdl: apollo.supergraphSdl,
      api: apollo.schema ? apollo.schema.toAPISchema().toGraphQLJSSchema() : undefined,
    },
    guild: {
      errors: guild.errors?.map((error) => error.message),
      supergraphSdl: guild.supergraphSdl,
      api: guild.publicSdl ? buildSchema(guild.publicSdl) : undefined,
    },
  };
}

const fieldNames = (schema: GraphQLSchema | undefined, type: string): string[] =>
  Object.keys((schema?.getType(type) as GraphQLObjectType | undefined)?.getFields() ?? {}).sort();

/** DescribeImages calls in order of arrival: which repository, how many ids. */
function describeImagesCalls(
  stack: Stack,
): { repositoryName: string; ids: string[]; maxResults?: number; outcome: string }[] {
  return stack.emulator.calls
    .all()
    .filter((call) => call.operation === 'DescribeImages')
    .map((call) => {
      const input = call.input as {
        repositoryName: string;
        imageIds?: { imageDigest?: string; imageTag?: string }[];
        maxResults?: number;
      };
      return {
        repositoryName: input.repositoryName,
        ids: (input.imageIds ?? []).map((id) => id.imageDigest ?? `:${id.imageTag}`),
        maxResults: input.maxResults,
        outcome: call.outcome,
      };
    });
}

function describeRepositoriesCalls(stack: Stack): { registryId?: string; repositoryNames: string[] }[] {
  return stack.emulator.calls
    .all()
    .filter((call) => call.operation === 'DescribeRepositories')
    .map((call) => {
      const input = call.input as { registryId?: string; repositoryNames?: string[] };
      return { registryId: input.registryId, repositoryNames: input.repositoryNames ?? [] };
    });
}

/** Each error's path and code, by entity index. */
function errorCodes(response: GraphQLResponse): [unknown, unknown][] {
  return [...(response.errors ?? [])]
    .sort((a, b) => Number(a.path?.[1]) - Number(b.path?.[1]))
    .map((error) => [error.path, error.extensions?.code]);
}

function errorAt(response: GraphQLResponse, index: number) {
  return response.errors?.find((error) => error.path?.[0] === '_entities' && error.path?.[1] === index);
}

/** A deterministic shuffle (LCG), so the representations are not grouped by repository. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The gateway (our subgraph) and the deployments subgraph, each served over HTTP on port 0, under
 * Apollo Gateway: it fetches both SDLs over HTTP (IntrospectAndCompose), composes them and plans
 * every query, so `_entities` reaches our subgraph exactly as a router sends it.
 */
async function startFederation(records: DeploymentRecord[]) {
  const stack = createStack();
  const deployments = createDeploymentsSubgraph(records);
  const ecr = await serve(stack.gateway);
  const other = await serve(createYoga({ schema: deployments.schema, logging: false, landingPage: false }));
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({
      subgraphs: [
        { name: 'ecr', url: ecr.url },
        { name: 'deployments', url: other.url },
      ],
    }),
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
  });
  const server = new ApolloServer({ gateway });
  try {
    await server.start();
  } catch (error) {
    await Promise.all([ecr.close(), other.close()]);
    throw error;
  }
  // Loading the supergraph asked each subgraph for `_service { sdl }`: that costs nothing upstream.
  expect(stack.calls()).toBe(0);
  return {
    stack,
    deployments,
    async run(query: string): Promise<GraphQLResponse> {
      const response = await server.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as GraphQLResponse;
    },
    async close() {
      await server.stop();
      await Promise.all([ecr.close(), other.close()]);
    },
  };
}

// --- tests -----------------------------------------------------------------------------------

describe('_service', () => {
  it('returns Federation v2 SDL with both @keys, exactly the committed schema/subgraph.graphql', async () => {
    const stack = createStack();
    const sdl = await sdlOf(stack);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
    expect(sdl).toMatch(/type Repository implements Node\s+@key\(fields: "registryId repositoryName"\)/);
    expect(sdl).toMatch(/type Image implements Node\s+@key\(fields: "registryId repositoryName imageDigest"\)/);
    expect(sdl).toMatch(/type PageInfo\s+@shareable/);
    const committed = readFileSync(path.join(ROOT, 'schema/subgraph.graphql'), 'utf8');
    expect(sdl.trimEnd()).toBe(committed.trimEnd());
    expect(stack.calls()).toBe(0);
  });
});

describe('composition', () => {
  it('composes with @theguild/federation-composition and @apollo/composition beside a subgraph extending Image', async () => {
    const sdl = await sdlOf(createStack());
    const composed = composeBoth([
      { name: 'ecr', sdl },
      { name: 'deployments', sdl: DEPLOYMENTS_SDL },
    ]);
    for (const [library, result] of Object.entries(composed)) {
      expect({ library, errors: result.errors }).toEqual({ library, errors: undefined });
      // Image: the contract's fields from us, scanFindings and deployments from the other subgraph.
      expect(fieldNames(result.api, 'Image')).toEqual(
        [
          'id',
          'registryId',
          'repositoryName',
          'imageDigest',
          'imageTags',
          'imageSizeInBytes',
          'imagePushedAt',
          'imageManifestMediaType',
          'artifactMediaType',
          'pullReferences',
          'repository',
          'manifest',
          'platforms',
          'scanFindings',
          'deployments',
        ].sort(),
      );
      expect(fieldNames(result.api, 'Repository')).toEqual(expect.arrayContaining(['images', 'deploymentCount']));
      expect(fieldNames(result.api, 'Query')).toEqual(
        expect.arrayContaining(['node', 'nodes', 'repository', 'repositories', 'recentDeployments', 'deployments']),
      );
      // One PageInfo, shared by both subgraphs' connections.
      expect(fieldNames(result.api, 'PageInfo')).toEqual(
        ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor'].sort(),
      );
      // Both subgraphs resolve Image by the same key.
      const imageKeys = result.supergraphSdl?.match(
        /@join__type\(graph: \w+, key: "registryId repositoryName imageDigest"/g,
      );
      expect(imageKeys).toHaveLength(2);
    }
  });
});

describe('under a federation gateway (Apollo Gateway over HTTP)', () => {
  // 20 distinct images of web/frontend (image 0 deployed twice) and 3 of web/backend.
  const plan = [
    ...Array.from({ length: 20 }, (_, n) => ({
      repositoryName: 'web/frontend',
      n,
      environment: n % 2 === 0 ? 'production' : 'staging',
    })),
    { repositoryName: 'web/frontend', n: 0, environment: 'canary' },
    ...[0, 1, 2].map((n) => ({ repositoryName: 'web/backend', n, environment: 'production' })),
  ];
  const records: DeploymentRecord[] = plan.map(({ repositoryName, n, environment }, i) => ({
    id: `d${i}`,
    environment,
    image: imageKey(repositoryName, n),
  }));

  it('joins both subgraphs; the _entities lookups of 20 images cost one DescribeImages call per repository', async () => {
    const federation = await startFederation(records);
    try {
      const response = await federation.run(/* GraphQL */ `
        {
          recentDeployments {
            id
            environment
            image {
              imageDigest
              imageTags
              imageSizeInBytes
              repository { repositoryName repositoryUri deploymentCount }
              scanFindings { cve severity }
            }
          }
        }
      `);
      expect(response.errors).toBeUndefined();
      const expected = plan.map(({ repositoryName, n, environment }, i) => ({
        id: `d${i}`,
        environment,
        image: {
          imageDigest: digestOf(`${repositoryName}#${n}`),
          imageTags: tagsOf(n),
          imageSizeInBytes: 5_000_000_000 + n,
          repository: {
            repositoryName,
            repositoryUri: `public.ecr.aws/testco/${repositoryName}`,
            deploymentCount: repositoryName === 'web/frontend' ? 21 : 3,
          },
          scanFindings: findingsFor(digestOf(`${repositoryName}#${n}`)),
        },
      }));
      expect(response.data).toEqual({ recentDeployments: expected });

      // Upstream: one DescribeImages per repository (20 distinct ids, the duplicate asked once) and
      // one DescribeRepositories for both repositories. Nothing else.
      const images = describeImagesCalls(federation.stack);
      expect(images.map(({ repositoryName, ids }) => [repositoryName, ids.length]).sort()).toEqual([
        ['web/backend', 3],
        ['web/frontend', 20],
      ]);
      expect(new Set(images.find((call) => call.repositoryName === 'web/frontend')?.ids)).toEqual(
        new Set(Array.from({ length: 20 }, (_, i) => digestOf(`web/frontend#${i}`))),
      );
      expect(federation.stack.calls('DescribeImages')).toBe(2);
      expect(describeRepositoriesCalls(federation.stack).map((call) => [...call.repositoryNames].sort())).toEqual([
        ['web/backend', 'web/frontend'],
      ]);
      expect(federation.stack.calls()).toBe(3);
      // The router asked the other subgraph for both repositories' deploymentCount by their key.
      expect(federation.deployments.references.Repository).toEqual(
        expect.arrayContaining([
          { __typename: 'Repository', registryId: REGISTRY_ID, repositoryName: 'web/frontend' },
          { __typename: 'Repository', registryId: REGISTRY_ID, repositoryName: 'web/backend' },
        ]),
      );
    } finally {
      await federation.close();
    }
  });

  it("pages our connection and the other subgraph's connection in one query (PageInfo from both)", async () => {
    const federation = await startFederation(records);
    try {
      const response = await federation.run(/* GraphQL */ `
        {
          repository(name: "web/frontend") {
            deploymentCount
            images(first: 3) {
              pageInfo { hasNextPage endCursor }
              edges {
                node {
                  imageDigest
                  scanFindings { cve }
                  deployments(first: 1) {
                    pageInfo { hasNextPage hasPreviousPage endCursor }
                    edges { node { environment } }
                  }
                }
              }
            }
          }
          deployments(first: 2) { pageInfo { hasNextPage endCursor } edges { node { image { imageTags } } } }
        }
      `);
      expect(response.errors).toBeUndefined();
      const repository = response.data?.repository as {
        deploymentCount: number;
        images: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { imageDigest: string; scanFindings: unknown[]; deployments: unknown } }[];
        };
      };
      expect(repository.deploymentCount).toBe(21);
      expect(repository.images.pageInfo.hasNextPage).toBe(true);
      expect(typeof repository.images.pageInfo.endCursor).toBe('string');
      expect(repository.images.edges.map((edge) => edge.node)).toEqual(
        [0, 1, 2].map((i) => ({
          imageDigest: digestOf(`web/frontend#${i}`),
          scanFindings: findingsFor(digestOf(`web/frontend#${i}`)).map(({ cve }) => ({ cve })),
          deployments: {
            // Image 0 went to production and to canary: one page of one, with more to follow.
            pageInfo: { hasNextPage: i === 0, hasPreviousPage: false, endCursor: '0' },
            edges: [{ node: { environment: i % 2 === 0 ? 'production' : 'staging' } }],
          },
        })),
      );
      expect(response.data?.deployments).toEqual({
        pageInfo: { hasNextPage: true, endCursor: '1' },
        edges: [{ node: { image: { imageTags: ['v0'] } } }, { node: { image: { imageTags: ['v1'] } } }],
      });
      // The router resolved the page's three images in the other subgraph by their key.
      expect(federation.deployments.references.Image).toEqual(
        expect.arrayContaining([0, 1, 2].map((i) => ({ __typename: 'Image', ...imageKey('web/frontend', i) }))),
      );
      // Upstream: the repository, its page (maxResults 3), and one batch for the two root deployments.
      expect(federation.stack.calls('DescribeRepositories')).toBe(1);
      // (The router's `_entities` for the root deployments is a request of its own: new loaders.)
      const images = describeImagesCalls(federation.stack);
      expect(images.map(({ ids, maxResults }) => ({ ids, maxResults }))).toEqual(
        expect.arrayContaining([
          { ids: [], maxResults: 3 },
          { ids: [0, 1].map((i) => digestOf(`web/frontend#${i}`)), maxResults: undefined },
        ]),
      );
      expect(images).toHaveLength(2);
      expect(federation.stack.calls()).toBe(3);
    } finally {
      await federation.close();
    }
  });
});

describe('_entities, as a router sends it', () => {
  it('answers 100 mixed representations in order, isolating unknown keys, with one call per repository plus isolation', async () => {
    const stack = createStack();
    const unknownDigests = [digestOf('no-such-image-1'), digestOf('no-such-image-2')];
    const wanted = shuffled([
      // web/frontend: all 40 images and 2 unknown digests (42 ids, 2 missing)
      ...Array.from({ length: 40 }, (_, i) => ({ rep: imageRep(imageKey('web/frontend', i)), i })),
      ...unknownDigests.map((imageDigest) => ({
        rep: imageRep({ registryId: REGISTRY_ID, repositoryName: 'web/frontend', imageDigest }),
        i: -1,
      })),
      // web/backend: 30 images; big/listing: 20 images
      ...Array.from({ length: 30 }, (_, i) => ({ rep: imageRep(imageKey('web/backend', i)), i })),
      ...Array.from({ length: 20 }, (_, i) => ({ rep: imageRep(imageKey('big/listing', i)), i })),
      // an image of a repository that does not exist
      { rep: imageRep({ ...imageKey('web/frontend', 1), repositoryName: 'no/such-repo' }), i: -1 },
      // an image of the other registry
      { rep: imageRep(imageKey('elsewhere', 2, OTHER_REGISTRY_ID)), i: 2 },
      // six repositories, two of them unknown
      ...['web/frontend', 'web/backend', 'big/listing', 'empty', 'no/such-repo', 'gone/away'].map((name) => ({
        rep: repositoryRep(name),
        i: 0,
      })),
    ]);
    expect(wanted).toHaveLength(100);

    const response = await stack.query(ENTITIES, { representations: wanted.map(({ rep }) => rep) });
    const entities = response.data?._entities as unknown[];
    expect(entities).toHaveLength(100);

    let nulls = 0;
    wanted.forEach(({ rep, i }, index) => {
      if (rep.__typename === 'Repository') {
        const { registryId, repositoryName } = rep as ReturnType<typeof repositoryRep>;
        if (repositoryName === 'no/such-repo' || repositoryName === 'gone/away') {
          nulls++;
          expect({ index, entity: entities[index] }).toEqual({ index, entity: null });
          expect(errorAt(response, index)).toMatchObject({ extensions: { code: 'REPOSITORY_NOT_FOUND' } });
        } else {
          expect(entities[index]).toEqual({
            __typename: 'Repository',
            registryId,
            repositoryName,
            repositoryArn: `arn:aws:ecr-public::${registryId}:repository/${repositoryName}`,
          });
        }
        return;
      }
      const key = rep as ReturnType<typeof imageRep>;
      if (i < 0) {
        nulls++;
        expect({ index, entity: entities[index] }).toEqual({ index, entity: null });
        const code = key.repositoryName === 'no/such-repo' ? 'REPOSITORY_NOT_FOUND' : 'IMAGE_NOT_FOUND';
        expect(errorAt(response, index)).toMatchObject({ extensions: { code } });
      } else {
        expect(entities[index]).toEqual({ ...key, imageTags: tagsOf(i) });
      }
    });
    expect(nulls).toBe(5);
    expect(response.errors).toHaveLength(5);

    // Upstream, per repository: ceil(k/100) = 1 call, plus one per missing id the error names.
    const images = describeImagesCalls(stack);
    const perRepository = (name: string) => images.filter((call) => call.repositoryName === name);
    expect(perRepository('web/frontend').map((call) => call.ids.length)).toEqual([42, 41, 40]);
    expect(perRepository('web/frontend').map((call) => call.outcome)).toEqual([
      'ImageNotFoundException',
      'ImageNotFoundException',
      'ok',
    ]);
    expect(perRepository('web/backend').map((call) => call.ids.length)).toEqual([30]);
    expect(perRepository('big/listing').map((call) => call.ids.length)).toEqual([20]);
    expect(perRepository('no/such-repo').map((call) => call.outcome)).toEqual(['RepositoryNotFoundException']);
    expect(perRepository('elsewhere').map((call) => call.ids.length)).toEqual([1]);
    expect(stack.calls('DescribeImages')).toBe(7);
    expect(describeRepositoriesCalls(stack).map((call) => call.repositoryNames.length)).toEqual([6, 5, 4]);
    expect(stack.calls()).toBe(10);
  });

  it('answers 250 representations of one repository with ceil(250/100) = 3 calls, in request order', async () => {
    const stack = createStack();
    const keys = shuffled(Array.from({ length: 250 }, (_, i) => i)).map((i) => ({
      i,
      key: imageKey('big/listing', i),
    }));
    const response = await stack.query(ENTITIES, { representations: keys.map(({ key }) => imageRep(key)) });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual(
      keys.map(({ i, key }) => ({ __typename: 'Image', ...key, imageTags: tagsOf(i) })),
    );
    expect(describeImagesCalls(stack).map((call) => call.ids.length)).toEqual([100, 100, 50]);
    expect(stack.calls()).toBe(3);
  });

  it('refuses a malformed key with BAD_USER_INPUT for that entity alone, with no upstream call for it', async () => {
    const stack = createStack();
    const good = imageKey('web/frontend', 3);
    const representations = [
      imageRep(good),
      imageRep({ ...good, imageDigest: 'sha256:not-a-digest' }),
      imageRep({ ...good, repositoryName: 'Not A Repository!' }),
      imageRep({ ...good, registryId: '12345' }),
      repositoryRep('web/backend', 'not-an-account'),
      repositoryRep('web/backend'),
    ];
    const response = await stack.query(ENTITIES, { representations });
    expect(response.data?._entities).toEqual([
      { __typename: 'Image', ...good, imageTags: ['v3'] },
      null,
      null,
      null,
      null,
      {
        __typename: 'Repository',
        registryId: REGISTRY_ID,
        repositoryName: 'web/backend',
        repositoryArn: `arn:aws:ecr-public::${REGISTRY_ID}:repository/web/backend`,
      },
    ]);
    expect(errorCodes(response)).toEqual([1, 2, 3, 4].map((index) => [['_entities', index], 'BAD_USER_INPUT']));
    // Only the good keys went upstream: one image, one repository.
    expect(describeImagesCalls(stack).map((call) => call.ids)).toEqual([[good.imageDigest]]);
    expect(describeRepositoriesCalls(stack)).toEqual([{ registryId: REGISTRY_ID, repositoryNames: ['web/backend'] }]);
    expect(stack.calls()).toBe(2);
  });

  it('refuses a representation that lacks a key field with BAD_USER_INPUT, not an internal error', async () => {
    const stack = createStack();
    const good = imageKey('web/frontend', 4);
    const response = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'Image', registryId: REGISTRY_ID, repositoryName: 'web/frontend' },
        { __typename: 'Repository', registryId: REGISTRY_ID },
        imageRep(good),
      ],
    });
    expect(response.data?._entities).toEqual([null, null, { __typename: 'Image', ...good, imageTags: ['v4'] }]);
    expect(errorCodes(response)).toEqual([0, 1].map((index) => [['_entities', index], 'BAD_USER_INPUT']));
    expect(describeImagesCalls(stack).map((call) => call.ids)).toEqual([[good.imageDigest]]);
    expect(stack.calls()).toBe(1);
  });
});

describe('SUBGRAPH_NODE_FIELDS', () => {
  const queryFields = async (stack: Stack): Promise<string[]> => {
    const response = await stack.query('{ __type(name: "Query") { fields { name } } }');
    const type = response.data?.__type as { fields: { name: string }[] } | undefined;
    return (type?.fields ?? []).map((field) => field.name);
  };

  it('false: no Query.node or Query.nodes, and the SDL composes beside a subgraph that owns Node', async () => {
    const stack = createStack({ nodeFields: false });
    const fields = await queryFields(stack);
    expect(fields).toEqual(expect.arrayContaining(['repository', 'repositories']));
    expect(fields).not.toContain('node');
    expect(fields).not.toContain('nodes');
    const refused = await stack.query('{ node(id: "x") { id } }');
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.length).toBeGreaterThan(0);

    const sdl = await sdlOf(stack);
    expect(sdl).not.toMatch(/\bnodes?\(ids?:/);
    // Image and Repository still implement Node, and keep their keys.
    expect(sdl).toMatch(/type Image implements Node\s+@key\(fields: "registryId repositoryName imageDigest"\)/);

    const composed = composeBoth([
      { name: 'ecr', sdl },
      { name: 'nodes', sdl: NODE_OWNER_SDL },
      { name: 'deployments', sdl: DEPLOYMENTS_SDL },
    ]);
    for (const [library, result] of Object.entries(composed)) {
      expect({ library, errors: result.errors }).toEqual({ library, errors: undefined });
      expect(fieldNames(result.api, 'Query')).toEqual(expect.arrayContaining(['node', 'nodes', 'repository']));
      const node = result.api?.getType('Node') as GraphQLInterfaceType;
      const implementations = result.api?.getPossibleTypes(node).map((type) => type.name);
      expect(implementations?.sort()).toEqual(['Image', 'Repository', 'Team']);
      expect(isObjectType(result.api?.getType('Team'))).toBe(true);
    }
    expect(stack.calls()).toBe(0);
  });

  it('default (true): Query.node and nodes are there, and so the SDL cannot compose beside another owner of Query.node', async () => {
    const stack = createStack();
    expect(await queryFields(stack)).toEqual(expect.arrayContaining(['node', 'nodes']));
    const composed = composeBoth([
      { name: 'ecr', sdl: await sdlOf(stack) },
      { name: 'nodes', sdl: NODE_OWNER_SDL },
    ]);
    for (const result of Object.values(composed)) {
      expect(result.errors?.join('\n')).toMatch(/Non-shareable field "Query\.node"/);
    }
  });
});

describe('the federation members, for routers', () => {
  const INTROSPECT = /* GraphQL */ `
    {
      __schema {
        queryType { fields { name description args { name description } } }
        types { name description }
      }
    }
  `;
  interface Introspected {
    __schema: {
      queryType: {
        fields: { name: string; description: string | null; args: { name: string; description: string | null }[] }[];
      };
      types: { name: string; description: string | null }[];
    };
  }

  it.each([
    ['default', true],
    ['SUBGRAPH_NODE_FIELDS=false', false],
  ])(
    '%s: the endpoint keeps _entities and _service, and introspection over HTTP describes them for GraphiQL',
    async (_, nodeFields) => {
      const stack = createStack({ nodeFields });
      const served = await serve(stack.gateway);
      try {
        const response = await fetch(served.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ query: INTROSPECT }),
        });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { data?: Introspected; errors?: unknown };
        expect(body.errors).toBeUndefined();
        const schema = body.data?.__schema;
        const describedAs = (items: { name: string; description: string | null }[] | undefined, name: string) =>
          items?.find((item) => item.name === name)?.description;
        const forRouters = expect.stringMatching(/^Federation: .*for routers, not for clients/);
        for (const field of ['_entities', '_service']) {
          expect({ field, description: describedAs(schema?.queryType.fields, field) }).toEqual({
            field,
            description: forRouters,
          });
        }
        for (const type of ['_Any', '_Entity', '_Service']) {
          expect({ type, description: describedAs(schema?.types, type) }).toEqual({ type, description: forRouters });
        }
        const entities = schema?.queryType.fields.find((field) => field.name === '_entities');
        expect(describedAs(entities?.args, 'representations')).toMatch(/__typename.*@key/);
      } finally {
        await served.close();
      }
      expect(stack.calls()).toBe(0);
    },
  );
});
