/**
 * A forward-only Relay connection and its edge, named and described alike for every listing
 * (`ImageConnection`, `ImageEdge`, ...). Pages are built by the data layer (data/paging).
 */
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';

type GatewayTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * @param items what a page holds, in the plural: `images`
 * @param item one of them, with its article: `An image`
 */
export function forwardConnection<Shape>(type: ObjectRef<GatewayTypes, Shape>, items: string, item: string) {
  return builder.connectionObject(
    {
      type,
      name: `${type.name}Connection`,
      description: `A page of ${items}. Page forward with \`first\` and \`after: pageInfo.endCursor\`.`,
    },
    { name: `${type.name}Edge`, description: `${item} and the cursor that resumes the listing right after it.` },
  );
}
