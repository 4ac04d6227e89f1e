/**
 * Demand control for routers: every field's `upstreamCost` (src/cost.ts, what QUERY_MAX_COST's
 * estimate reads) written once more as the federation directives `@cost` and `@listSize`, so a
 * router's demand control (Hive Gateway's `demandControl`, Apollo Router's) prices our fields as
 * the gateway does. Weights are in hundredths of an upstream call (>= 1), so a router's `maxCost`
 * of 100 x QUERY_MAX_COST admits about what the gateway admits: an object a router counts (1 by
 * default) weighs what the estimate charges an item of a page (size/100 of a call).
 *
 * - `page`: one call (100) and `@listSize(slicingArguments: [first], sizedFields: ["edges"])`;
 *   each `listingArgs` argument (`orderBy`, `filter`) adds what the whole listing costs more.
 * - `lookup`, `call`, `shared`: one call each (100); a router cannot know the batches the
 *   estimate joins, so it over-prices batched lookups, never under-prices them.
 * - `listing`: the calls of a whole listing under the default IMAGE_LISTING_CAP.
 * - `repository`: 1, nothing upstream when the parent came from under a Repository.
 * - `ids` (`nodes`): `@listSize(assumedSize: MAX_IDS_PER_FIELD)` and a weight of 1 a node: a
 *   router cannot count the ids before it runs the query, and without `assumedSize` prices the list
 *   as one item (Hive Gateway), so a selection under `nodes` would cost a thousandth of what it may.
 *   Routers multiply the field's own weight by the size too, and the loader asks for 100 ids a
 *   call: 1 a node is the batched lookups' cost. `_entities` is the router's own field, in no SDL.
 *   Hive Gateway 2.12 prices its entity fetches at 0; the gateway's own estimate still counts them.
 * The directives go on the fields' and arguments' astNodes, which printSubgraphSchema prints; the
 * client schema (codegen.ts) is printed by graphql-js from the types, without them. `_service`
 * answers the SDL with them, as schema/subgraph.graphql has it.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { DEFAULT_IMAGE_LISTING_CAP, listingCalls, MAX_IDS_PER_FIELD, type UpstreamCost } from '../../cost';

/** One upstream call, in the directives' unit. */
export const CALL_WEIGHT = 100;

/** Ids one batched lookup call takes (the loaders' maxBatchSize). */
const LOOKUP_BATCH = 100;

/** The `@cost` weight of a field by its `upstreamCost`, in hundredths of a call. */
export function weightOf(cost: UpstreamCost): number {
  switch (cost.kind) {
    case 'listing':
      return listingCalls(DEFAULT_IMAGE_LISTING_CAP) * CALL_WEIGHT;
    case 'repository':
      return 1;
    case 'ids':
      return Math.ceil(CALL_WEIGHT / LOOKUP_BATCH);
    case 'registry':
      return Math.max(1, Math.round(cost.calls * CALL_WEIGHT));
    default:
      return CALL_WEIGHT;
  }
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
const int = (value: number) => ({ kind: Kind.INT, value: String(value) }) as const;
const strings = (values: string[]) =>
  ({ kind: Kind.LIST, values: values.map((value) => ({ kind: Kind.STRING, value }) as const) }) as const;

const costDirective = (weight: number): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: name('cost'),
  arguments: [{ kind: Kind.ARGUMENT, name: name('weight'), value: int(weight) }],
});

const listSizeDirective = (slicing: string): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: name('listSize'),
  arguments: [
    { kind: Kind.ARGUMENT, name: name('slicingArguments'), value: strings([slicing]) },
    { kind: Kind.ARGUMENT, name: name('sizedFields'), value: strings(['edges']) },
    { kind: Kind.ARGUMENT, name: name('requireOneSlicingArgument'), value: { kind: Kind.BOOLEAN, value: false } },
  ],
});

const assumedSizeDirective = (size: number): ConstDirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: name('listSize'),
  arguments: [{ kind: Kind.ARGUMENT, name: name('assumedSize'), value: int(size) }],
});

const withDirectives = <T extends { directives?: readonly ConstDirectiveNode[] | undefined }>(
  node: T,
  directives: ConstDirectiveNode[],
): T => (directives.length ? { ...node, directives: [...(node.directives ?? []), ...directives] } : node);

/** The field's definition with its `@cost`/`@listSize`, and `@cost` on its listing arguments. */
function priced(node: FieldDefinitionNode, cost: UpstreamCost): FieldDefinitionNode {
  const directives = [costDirective(weightOf(cost))];
  if (cost.kind === 'ids') return withDirectives(node, [...directives, assumedSizeDirective(MAX_IDS_PER_FIELD)]);
  if (cost.kind !== 'page') return withDirectives(node, directives);
  directives.push(listSizeDirective(cost.sizeArg));
  const extra = (listingCalls(DEFAULT_IMAGE_LISTING_CAP) - 1) * CALL_WEIGHT;
  const args = node.arguments?.map((arg) =>
    cost.listingArgs?.includes(arg.name.value) ? withDirectives(arg, [costDirective(extra)]) : arg,
  );
  return withDirectives({ ...node, ...(args ? { arguments: args } : {}) }, directives);
}

/**
 * Adds `@cost`/`@listSize` to the schema's types in place, from their fields' `upstreamCost`, on
 * the type definitions' astNodes (what printSubgraphSchema prints); returns the schema.
 */
export function withDemandControl(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.astNode?.fields) continue;
    const fields = type.getFields();
    const nodes = type.astNode.fields.map((node) => {
      const field = fields[node.name.value];
      const cost = field?.extensions?.upstreamCost as UpstreamCost | undefined;
      if (!field || !cost) return node;
      const annotated = priced(node, cost);
      (field as { astNode?: FieldDefinitionNode }).astNode = annotated;
      return annotated;
    });
    (type as { astNode: ObjectTypeDefinitionNode }).astNode = { ...type.astNode, fields: nodes };
  }
  // The federation plugin printed `_service { sdl }` before these were added: printed again, once.
  const service = schema.getQueryType()?.getFields()._service;
  if (service) {
    let sdl: string | undefined;
    service.resolve = () => {
      sdl ??= printSubgraphSchema(schema);
      return { sdl };
    };
  }
  return schema;
}
