/**
 * Hive Gateway (`@graphql-hive/gateway-runtime`, in-process) as a team would run it: a supergraph
 * composed from the committed schema/subgraph.graphql and the deployments subgraph
 * (deployments-subgraph.ts), both served over HTTP on port 0 and counted request by request, so a
 * test can tell what the router refused before any subgraph heard of it.
 *
 * The runtime loads each subgraph's transport by name (`@graphql-mesh/transport-http` for "http");
 * without that package installed it answers every root field `null`, with no error and no request.
 */
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createDeploymentsSubgraph, type DeploymentRecord, type DeploymentsSubgraph } from './deployments-subgraph';
import { type Served, serve } from './http-server';
import { createStack, type GraphQLResponse, type Stack, type StackOptions } from './stack';

export const SUBGRAPH_SDL = readFileSync(path.resolve(__dirname, '../../schema/subgraph.graphql'), 'utf8');

/** What the contract's demand-control addendum asks of a router: 100 x QUERY_MAX_COST (1000). */
export const ROUTER_MAX_COST = 100 * 1000;

export type Composer = 'guild' | 'apollo';

/** The two subgraphs composed by either library; throws with the composition errors. */
export function composeSupergraph(composer: Composer, urls: { ecr: string; deployments: string }, otherSdl: string) {
  const services = [
    { name: 'ecr-public', typeDefs: parse(SUBGRAPH_SDL), url: urls.ecr },
    { name: 'deployments', typeDefs: parse(otherSdl), url: urls.deployments },
  ];
  const composed = composer === 'guild' ? composeWithGuild(services) : composeWithApollo(services);
  if (composed.errors?.length || !composed.supergraphSdl) {
    throw new Error(`${composer} composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
  }
  return composed.supergraphSdl;
}

export interface RouterOptions {
  composer?: Composer;
  stack?: StackOptions;
  /** Extra runtime options (persisted documents, say); demand control is always on. */
  runtime?: Partial<GatewayConfigSupergraph>;
}

export interface HiveRouter {
  stack: Stack;
  deployments: DeploymentsSubgraph;
  /** The deployments subgraph's records: push to them before querying. */
  records: DeploymentRecord[];
  supergraph: string;
  /** HTTP requests each subgraph has received. */
  requests: { ecr: number; deployments: number };
  fetch(input: string, init?: RequestInit): Promise<Response>;
  /** POSTs a document to the router; the parsed body. */
  query(query: string, extra?: Record<string, unknown>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

function counted(handler: http.RequestListener, onRequest: () => void): http.RequestListener {
  return (request, response) => {
    onRequest();
    handler(request, response);
  };
}

export async function startHiveRouter(options: RouterOptions = {}): Promise<HiveRouter> {
  const stack = createStack(options.stack);
  const records: DeploymentRecord[] = [];
  const deployments = createDeploymentsSubgraph(records);
  const requests = { ecr: 0, deployments: 0 };
  const served: Served[] = [];
  served.push(await serve(counted(stack.gateway, () => requests.ecr++)));
  const other = createYoga({ schema: deployments.schema, logging: false, landingPage: false });
  served.push(await serve(counted(other, () => requests.deployments++)));
  const [ecr, deploymentsServed] = served as [Served, Served];
  const supergraph = composeSupergraph(
    options.composer ?? 'guild',
    { ecr: ecr.url, deployments: deploymentsServed.url },
    deployments.sdl,
  );
  const router = createGatewayRuntime({
    supergraph,
    demandControl: { maxCost: ROUTER_MAX_COST, includeExtensionMetadata: true },
    logging: 'error',
    ...options.runtime,
  });
  return {
    stack,
    deployments,
    records,
    supergraph,
    requests,
    fetch: async (input, init) => router.fetch(input, init),
    async query(query, extra = {}) {
      const response = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query, ...extra }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    async close() {
      await router.dispose();
      await Promise.all(served.map((s) => s.close()));
    },
  };
}
