/**
 * The query cost estimate, in ECR Public calls, from the document and the request's variables: a
 * pure function (use-query-cost.ts refuses by it before execution), linear in the document: each
 * fragment is priced once per type and scaled (cost-batches.ts), and a spread already collected in
 * a selection set adds nothing, as in execution. graphql-armor's cost limit cannot read arguments
 * and Pothos' complexity plugin runs inside execution and skips `_entities`, so the pricing of
 * `first`, ids and representations (src/cost.ts) is ours:
 *   - a page of n items: 1 + n/100 for each time its parent appears; its items multiply what they select;
 *   - by-id lookups whose ids the arguments tell (`repository(name:)`, `image(tag:)` under it,
 *     `nodes(ids:)`, `_entities(representations:)`): ceil(n/100) calls per distinct repository
 *     (images) or registry (repositories), as the loaders batch them; at most 1000 ids a field;
 *   - other lookups: a call per distinct repository among their parents + 0.01 per parent; an
 *     image's own repository (`Image.repository`, `pullReferences`) nothing under a Repository,
 *     whose loader holds it, else a call per distinct repository;
 *   - the registries listing and the own registry's catalog data: once a request, however many ask;
 *   - a call ECR Public cannot batch (catalog data, resource tags): 1 for each time its parent appears;
 *   - a repository's whole image listing (`latestImage`, `images(orderBy:, filter:)`): the most calls
 *     it may take under IMAGE_LISTING_CAP, ceil((cap + 1) / 1000), for each time its parent appears.
 * Missing ids cost their recovery on top (contract, "Batching"): the runtime budget bounds that.
 * A page size outside the field's range is refused here too, as BAD_USER_INPUT, before any call;
 * a document of more than MAX_VISITS selections to weigh (field-cost.ts), as QUERY_TOO_COMPLEX.
 */
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isCompositeType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { DEFAULT_IMAGE_LISTING_CAP, listingCalls } from '../../cost';
import { add, Batches, type Lin, substitute, ZERO } from './cost-batches';
import { costOfField, HOLDER, type Scope, visit, type Walk } from './field-cost';

export { CostRefusal } from './field-cost';

/**
 * The price of a selection set, as execution collects it: a fragment spread already collected in
 * this selection set adds nothing (its fields merge), and a fragment is walked once per type and
 * known parent, its price scaled for every other scope it appears in.
 */
function costOf(
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  outer: Scope,
  walk: Walk,
  collected: Set<string>,
): Lin {
  const scope = type.name === HOLDER && !outer.held ? { ...outer, held: true } : outer;
  let total = ZERO;
  /** Registry documents this selection set already pays for (src/cost.ts `need`). */
  const needs = new Set<string>();
  for (const selection of selectionSet.selections) {
    visit(walk);
    if (selection.kind === Kind.FIELD) {
      if (!('getFields' in type) || selection.name.value.startsWith('__')) continue;
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      const { own, inner } = costOfField(field, selection, scope, walk);
      const need = (field.extensions as { upstreamCost?: { need?: string } }).upstreamCost?.need;
      if (need === undefined || !needs.has(need)) total = add(total, own);
      if (need !== undefined) needs.add(need);
      const named = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(named)) {
        total = add(total, costOf(selection.selectionSet, named, inner, walk, new Set()));
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total = add(total, costOf(selection.selectionSet, conditionOf(selection, type, walk), scope, walk, collected));
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      if (!fragment || collected.has(name)) continue;
      collected.add(name);
      const on = conditionOf(fragment, type, walk);
      const memo = `${name}|${on.name}|${scope.known ?? '-'}|${scope.held}`;
      let price = walk.priced.get(memo);
      if (!price) {
        const own: Scope = { m: { m: 1, r: 0 }, r: { m: 0, r: 1 }, known: scope.known, held: scope.held };
        price = costOf(fragment.selectionSet, on, own, walk, new Set([name]));
        walk.priced.set(memo, price);
      }
      total = add(total, substitute(price, scope.m, scope.r));
    }
  }
  return total;
}

/** The type a fragment selects on: its condition, else the enclosing type. */
function conditionOf(
  fragment: { typeCondition?: { name: { value: string } } | undefined },
  type: GraphQLCompositeType,
  walk: Walk,
): GraphQLCompositeType {
  const on = fragment.typeCondition && walk.schema.getType(fragment.typeCondition.name.value);
  return on && isCompositeType(on) ? on : type;
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
 * invalid (execution refuses them); throws for a page size out of range or too many ids.
 */
export function estimateCost(request: CostRequest): number | undefined {
  const { document, schema } = request;
  const operation = getOperationAST(document, request.operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments: Walk['fragments'] = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  // Coerced as execution will coerce them, defaults included; execution reports bad ones itself.
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (variables.errors) return undefined;
  const walk: Walk = {
    schema,
    fragments,
    variables: variables.coerced,
    listingCalls: listingCalls(request.listingCap ?? DEFAULT_IMAGE_LISTING_CAP),
    priced: new Map(),
    batches: new Batches(),
    visits: 0,
  };
  const one: Lin = { m: 1, r: 0 };
  const start: Scope = { m: one, r: { m: 0, r: 1 }, known: '', held: false };
  const price = costOf(operation.selectionSet, root, start, walk, new Set());
  // The root is one object of no repository: both symbols are 1.
  return price.m + price.r + walk.batches.calls();
}
