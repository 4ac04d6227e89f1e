/**
 * The committed schema/supergraph.graphql (what compose.yaml's router serves) drives a real
 * federation gateway, Apollo Gateway and Hive Gateway alike: its routing URL is compose's, pointed
 * here at this test's subgraph.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { serve } from '../helpers/http-server';
import { createStack, type GraphQLResponse } from '../helpers/stack';

const SUPERGRAPH = readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
const COMPOSE_URL = 'http://ecr-public:4000/graphql';

describe('schema/supergraph.graphql', () => {
  it("routes to the subgraph at compose.yaml's address, and plans lookups as batched entity calls", async () => {
    expect(SUPERGRAPH).toContain(`url: "${COMPOSE_URL}"`);
    const stack = createStack();
    const subgraph = await serve(stack.gateway);
    const routed: string[] = [];
    const gateway = new ApolloGateway({
      supergraphSdl: SUPERGRAPH,
      buildService: ({ url }) => {
        routed.push(url ?? '');
        return new RemoteGraphQLDataSource({ url: url === COMPOSE_URL ? subgraph.url : url });
      },
    });
    const server = new ApolloServer({ gateway });
    await server.start();
    try {
      const response = await server.executeOperation({
        query:
          '{ repository(name: "web/frontend") { repositoryUri images(first: 2) { edges { node { imageTags } } } } }',
      });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const result = response.body.singleResult as GraphQLResponse;
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        repository: {
          repositoryUri: 'public.ecr.aws/testco/web/frontend',
          images: { edges: [{ node: { imageTags: ['v0'] } }, { node: { imageTags: ['v1'] } }] },
        },
      });
      expect(routed).toEqual([COMPOSE_URL]);
      expect(stack.calls()).toBe(2);
    } finally {
      await server.stop();
      await subgraph.close();
    }
  });

  it('runs under Hive Gateway with demand control, priced from its @cost and @listSize', async () => {
    const stack = createStack();
    const subgraph = await serve(stack.gateway);
    const router = createGatewayRuntime({
      supergraph: SUPERGRAPH.replaceAll(COMPOSE_URL, subgraph.url),
      demandControl: { maxCost: 100_000, includeExtensionMetadata: true },
      logging: 'error',
    });
    try {
      const response = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ repository(name: "web/frontend") { images(first: 2) { edges { node { imageTags } } } } }',
        }),
      });
      const result = (await response.json()) as GraphQLResponse;
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        repository: { images: { edges: [{ node: { imageTags: ['v0'] } }, { node: { imageTags: ['v1'] } }] } },
      });
      // repository (100) + its page (100) + 2 x (edge + image) + the objects on the way.
      expect(result.extensions?.cost).toEqual({ estimated: 206, max: 100_000 });
      expect(stack.calls()).toBe(2);
    } finally {
      await router.dispose();
      await subgraph.close();
    }
  });
});
