/**
 * The SchemaBuilder, its plugins and scalars. Defines no types (Pothos app layout).
 */
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import { schemaSettings } from '../config';
import type { GatewayContext } from '../context';
import { decodeId, encodeId } from './global-id';

const settings = schemaSettings();

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
    // A supergraph that owns Node leaves these to its own subgraph (SUBGRAPH_NODE_FIELDS=false).
    ...(settings.nodeFields
      ? {
          nodeQueryOptions: { description: 'Fetches any object of this API by its global `id`.' },
          nodesQueryOptions: {
            description: 'Fetches objects by their global ids, in the order given; an unknown id is null.',
          },
        }
      : { nodeQueryOptions: false, nodesQueryOptions: false }),
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('SafeInt', SafeIntResolver);
