/**
 * The query cost limit, in estimated ECR Public calls, checked before execution with the
 * request's variables. graphql-armor's cost limit cannot read arguments and Pothos' complexity
 * plugin runs inside execution and skips `_entities`, so the pricing of `first`, ids and
 * representations (schema/cost.ts) is ours:
 *   - a page of n items: 1 + n/100 for each time its parent appears; its items multiply what they select;
 *   - a by-id lookup: 0.01 (batched 100 a call); `nodes(ids)` and `_entities(representations)`:
 *     0.01 per id, and each id multiplies what it selects.
 * A page size outside the field's range is refused here too, as BAD_USER_INPUT, before any call.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  getNamedType,
  isCompositeType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../aws/errors';
import type { UpstreamCost } from '../schema/cost';

/** The federation plugin's `_entities` is not ours to annotate; it is priced like `nodes`. */
const ENTITIES_COST: UpstreamCost = { kind: 'ids', idsArg: 'representations' };

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Walk {
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
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
        throw new Refusal(
          ErrorCode.BAD_USER_INPUT,
          `${spec.sizeArg} must be between 0 and ${spec.maxSize}, got ${size}`,
        );
      }
      return { own: multiplier * (1 + size / 100), inner: multiplier * size };
    }
    case 'lookup':
      return { own: multiplier * 0.01, inner: multiplier };
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

/** Estimated upstream calls of an operation; throws a Refusal for an out-of-range page size. */
function estimate(operation: OperationDefinitionNode, root: GraphQLCompositeType, walk: Walk): number {
  return costOf(operation.selectionSet, root, 1, walk);
}

export interface QueryCostOptions {
  /** The most estimated upstream calls one operation may cost. */
  maxCost: number;
}

export function useQueryCost(options: QueryCostOptions): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const document = args.document as DocumentNode;
      const operation = document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION &&
          (!args.operationName || definition.name?.value === args.operationName),
      );
      const root = operation && args.schema.getRootType(operation.operation);
      if (!operation || !root) return;
      const fragments: Walk['fragments'] = {};
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      }
      let refusal: Refusal | undefined;
      try {
        const cost = estimate(operation, root, { fragments, variables: args.variableValues ?? {} });
        if (cost > options.maxCost) {
          refusal = new Refusal(
            'QUERY_TOO_COMPLEX',
            `Query would cost about ${Math.ceil(cost)} ECR Public calls; the limit is ${options.maxCost}. Ask for smaller pages or fewer of them.`,
          );
        }
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        refusal = error;
      }
      if (refusal) {
        setResultAndStopExecution({
          errors: [new GraphQLError(refusal.message, { extensions: { code: refusal.code, http: { status: 400 } } })],
        });
      }
    },
  };
}
