/**
 * GraphQL Code Generator: writes the schema's SDL to schema/ from the Pothos schema itself.
 * - schema/schema.graphql: the schema for clients' tooling (Relay, Apollo, GraphQL Code Generator),
 *   without the federation members `_entities`, `_service`, `_Any`, `_Entity`, `_Service`, which
 *   the runtime schema keeps for routers (withoutFederationInternals).
 * - schema/subgraph.graphql: the Federation v2 subgraph SDL (`printSubgraphSchema`, with @link
 *   and @key), for rover and schema registries. Like `_service { sdl }`, it has never held those
 *   members: the federation spec leaves them out, and a router asks for them on the endpoint.
 * - schema/supergraph.graphql: that subgraph composed alone (@theguild/federation-composition), with
 *   the routing URL of compose.yaml's replicas, for the router there.
 * `npm run codegen:check` fails when any committed file is stale.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { composeServices } from '@theguild/federation-composition';
import { parse, printSchema } from 'graphql';
import { schema, withoutFederationInternals } from './src/schema';

/** Where compose.yaml's router reaches the replicas (nginx balancing them). */
const COMPOSE_ROUTING_URL = 'http://ecr-public:4000/graphql';

function supergraph(): string {
  const composed = composeServices([
    { name: 'ecr-public', typeDefs: parse(printSubgraphSchema(schema)), url: COMPOSE_ROUTING_URL },
  ]);
  if (composed.errors?.length || !composed.supergraphSdl) {
    throw new Error(`composition failed: ${composed.errors?.map((e) => e.message).join('; ')}`);
  }
  return composed.supergraphSdl;
}

const config: CodegenConfig = {
  schema: printSchema(withoutFederationInternals(schema)),
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
    'schema/subgraph.graphql': { plugins: [{ add: { content: printSubgraphSchema(schema) } }] },
    'schema/supergraph.graphql': { plugins: [{ add: { content: supergraph() } }] },
  },
};

export default config;
