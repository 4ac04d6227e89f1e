/**
 * The SchemaBuilder, its plugins and scalars. Defines no types (Pothos app layout).
 */
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context';
import { decodeId, encodeId } from './global-id';

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
    pageInfoTypeOptions: { shareable: true },
    // node/nodes are defined in node.ts, where their loading is ours (SUBGRAPH_NODE_FIELDS).
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('SafeInt', SafeIntResolver);
