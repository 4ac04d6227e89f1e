/**
 * The SchemaBuilder, its plugins and scalars. Defines no types (Pothos app layout).
 */
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context';
import { decodeId, encodeId } from './support/global-id';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    SafeInt: { Input: number; Output: number };
  };
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  DefaultFieldNullability: false;
}>({
  // Non-null unless a field says otherwise: the contract's types are mostly non-null, and every
  // field that may be absent or fail on its own declares `nullable: true`.
  defaultFieldNullability: false,
  plugins: [DirectivePlugin, RelayPlugin, FederationPlugin],
  relay: {
    encodeGlobalID: encodeId,
    decodeGlobalID: decodeId,
    edgesFieldOptions: { nullable: { list: false, items: false } },
    nodeFieldOptions: { nullable: false },
    // Other subgraphs' connections compose only if PageInfo is shareable.
    pageInfoTypeOptions: {
      shareable: true,
      description: 'Where a page stands in its listing (GraphQL Cursor Connections Specification).',
    },
    hasNextPageFieldOptions: { description: 'True exactly when ECR Public says more items may follow this page.' },
    hasPreviousPageFieldOptions: {
      description: 'Always false: ECR Public cannot page backwards, so neither does this API.',
    },
    startCursorFieldOptions: { description: "The first edge's cursor; null for an empty page." },
    endCursorFieldOptions: {
      description: "The last edge's cursor: pass it as `after` for the next page. Null for an empty page.",
    },
    cursorFieldOptions: { description: 'Pass as `after` to resume the listing right after this edge.' },
    nodeTypeOptions: {
      description: 'An object with a global `id`, opaque and stable, that identifies it across the whole API.',
    },
    idFieldOptions: { description: 'A global id, opaque and stable: what Relay and Apollo Client caches key on.' },
    // node/nodes are defined in node.ts, where their loading is ours; server.ts may leave them out.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('SafeInt', SafeIntResolver);
