/**
 * The schema without `Query.node` and `Query.nodes`, for a supergraph whose own subgraph owns
 * `Node` (SUBGRAPH_NODE_FIELDS=false, decided in server.ts). `_service { sdl }` is printed again
 * from what is left, so a router composes what this subgraph really serves. `Repository` and
 * `Image` still implement `Node` and keep their global ids.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';

const NODE_FIELDS = new Set(['node', 'nodes']);

export function withoutNodeFields(schema: GraphQLSchema): GraphQLSchema {
  const pruned = mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => (NODE_FIELDS.has(name) ? null : field),
  });
  const sdl = printSubgraphSchema(pruned);
  return mapSchema(pruned, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) =>
      name === '_service' ? { ...field, resolve: () => ({ sdl }) } : field,
  });
}
