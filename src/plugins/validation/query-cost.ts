/**
 * The query cost estimate, in ECR Public calls, from the document and the request's variables: a
 * pure function (use-query-cost.ts refuses by it before execution). graphql-armor's cost limit
 * cannot read arguments and Pothos' complexity plugin runs inside execution and skips `_entities`,
 * so the pricing of `first`, ids and representations (src/cost.ts) is ours:
 *   - a page of n items: 1 + n/100 for each time its parent appears; its items multiply what they select;
 *   - a by-id lookup: 0.01 (batched 100 a call); `nodes(ids)` and `_entities(representations)`:
 *     0.01 per id, and each id multiplies what it selects;
 *   - a call ECR Public cannot batch (catalog data, resource tags): 1 for each time its parent appears;
 *   - a repository's whole image listing (`latestImage`, `images(orderBy:, filter:)`): the most calls
 *     it may take under IMAGE_LISTING_CAP, ceil((cap + 1) / 1000), for each time its parent appears.
 * A page size outside the field's range is refused here too, as BAD_USER_INPUT, before any call.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { DEFAULT_IMAGE_LISTING_CAP, listingCalls, type UpstreamCost } from '../../cost';
import { ErrorCode } from '../../errors';

/** The federation plugin's `_entities` is not ours to annotate; it is priced like `nodes`. */
const ENTITIES_COST: UpstreamCost = { kind: 'ids', idsArg: 'representations' };

/** A document the estimate refuses outright, whatever the limit: its code and why. */
export class CostRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface Walk {
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Calls of one whole image listing. */
  listingCalls: number;
}

/** An argument that asks for something: not null, and an input object with a member set. */
function given(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object' || Array.isArray(value)) return true;
  return Object.values(value).some((member) => member !== null && member !== undefined);
}

function costOfField(field: GraphQLField<unknown, unknown>, node: FieldNode, multiplier: number, walk: Walk) {
  const spec =
    (field.extensions as { upstreamCost?: UpstreamCost }).upstreamCost ??
    (field.name === '_entities' ? ENTITIES_COST : undefined);
  if (!spec) return { own: 0, inner: multiplier };
  const args = getArgumentValues(field, node, walk.variables);
  switch (spec.kind) {
    case 'page': {
      const size = (args[spec.sizeArg] as number | null | undefined) ?? spec.defaultSize;
      if (size < 0 || size > spec.maxSize) {
        throw new CostRefusal(
          ErrorCode.BAD_USER_INPUT,
          `${spec.sizeArg} must be between 0 and ${spec.maxSize}, got ${size}`,
        );
      }
      const listed = spec.listingArgs?.some((name) => given(args[name])) ?? false;
      return { own: multiplier * ((listed ? walk.listingCalls : 1) + size / 100), inner: multiplier * size };
    }
    case 'lookup':
      return { own: multiplier * 0.01, inner: multiplier };
    case 'call':
      return { own: multiplier, inner: multiplier };
    case 'listing':
      return { own: multiplier * walk.listingCalls, inner: multiplier };
    case 'ids': {
      const ids = args[spec.idsArg];
      const count = Array.isArray(ids) ? ids.length : 1;
      return { own: multiplier * count * 0.01, inner: multiplier * Math.max(1, count) };
    }
  }
}

function costOf(selectionSet: SelectionSetNode, type: GraphQLCompositeType, multiplier: number, walk: Walk): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!('getFields' in type) || selection.name.value.startsWith('__')) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const { own, inner } = costOfField(field, selection, multiplier, walk);
      total += own;
      const named = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(named)) total += costOf(selection.selectionSet, named, inner, walk);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
      if (!fragment) continue;
      total += costOf(fragment.selectionSet, type, multiplier, walk);
    }
  }
  return total;
}

export interface CostRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  /** IMAGE_LISTING_CAP, which prices whole listings. @default 10000 */
  listingCap?: number | undefined;
}

/**
 * Estimated upstream calls of the request's operation: a pure function of the document, the
 * variables and the cap. Undefined when the document has no such operation or its variables are
 * invalid (execution refuses them); throws for a page size out of range.
 */
export function estimateCost(request: CostRequest): number | undefined {
  const { document } = request;
  const operation = getOperationAST(document, request.operationName);
  const root = operation && request.schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments: Walk['fragments'] = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  // Coerced as execution will coerce them, defaults included; execution reports bad ones itself.
  const variables = getVariableValues(request.schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (variables.errors) return undefined;
  const walk: Walk = {
    fragments,
    variables: variables.coerced,
    listingCalls: listingCalls(request.listingCap ?? DEFAULT_IMAGE_LISTING_CAP),
  };
  return costOf(operation.selectionSet, root, 1, walk);
}
