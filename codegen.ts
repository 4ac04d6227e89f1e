/**
 * GraphQL Code Generator: writes the schema's SDL to schema/ from the Pothos schema itself.
 * - schema/schema.graphql: the schema clients see (GraphiQL, Relay and Apollo tooling).
 * - schema/subgraph.graphql: the Federation v2 subgraph SDL (`printSubgraphSchema`, with @link
 *   and @key), for rover and schema registries.
 * `npm run codegen:check` fails when either committed file is stale.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { schema } from './src/schema';

const config: CodegenConfig = {
  schema: printSchema(schema),
  generates: {
    'schema/schema.graphql': { plugins: ['schema-ast'] },
    'schema/subgraph.graphql': { plugins: [{ add: { content: printSubgraphSchema(schema) } }] },
  },
};

export default config;
