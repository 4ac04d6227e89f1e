/**
 * How one field is priced by the query cost estimate (query-cost.ts), by what its declaration in
 * schema/ says (src/cost.ts), in the scope it is selected in.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import { MAX_IDS_PER_FIELD, type UpstreamCost } from '../../cost';
import { ErrorCode, GatewayError } from '../../errors';
import { add, type Batches, entityKeys, type Lin, scale, ZERO } from './cost-batches';

/** The federation plugin's `_entities` is not ours to annotate; it is priced like `nodes`. */
const ENTITIES_COST: UpstreamCost = { kind: 'ids', idsArg: 'representations', keysOf: entityKeys };
/** Connections whose items are each in a repository of their own (or a registry of many). */
const OWNERS = /^(Repository|Registry)Connection$/;

/** A document the estimate refuses outright, whatever the limit: its code and why. */
export class CostRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Where a selection is priced: for `m` objects in `r` repositories; `known`, the key of the one
 * parent whose identity the arguments tell ('' at the root); `held`, whether their repositories are
 * in the request's repository loader (they came from under a Repository: see HOLDER).
 */
export interface Scope {
  m: Lin;
  r: Lin;
  known: string | undefined;
  held: boolean;
}

/**
 * Every Repository object is looked up through the request's loader or primed into it by a listing,
 * so what is selected under one (its images, their tags) finds that repository there.
 */
export const HOLDER = 'Repository';

export interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Calls of one whole image listing. */
  listingCalls: number;
  /** A fragment's price per type and known parent, in the symbols of its own scope. */
  priced: Map<string, Lin>;
  batches: Batches;
  /** Selections weighed so far, fragments counted each time they are walked (see MAX_VISITS). */
  visits: number;
}

/**
 * The most selections one estimate weighs. Each fragment is walked once per type and known parent,
 * so only aliased lookups that each spread long chains of fragments come near it (250 x 600 take
 * over a second): refused as too complex to price, in well under a second.
 */
export const MAX_VISITS = 50_000;

/** Counts one selection weighed; past MAX_VISITS the document is refused. */
export function visit(walk: Walk): void {
  walk.visits += 1;
  if (walk.visits > MAX_VISITS) {
    throw new CostRefusal(
      ErrorCode.QUERY_TOO_COMPLEX,
      `Query is too complex to price: more than ${MAX_VISITS} selections, counting each fragment where it is spread. Spread fewer fragments under fewer aliases.`,
    );
  }
}

/** An argument that asks for something: not null, and an input object with a member set. */
function given(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object' || Array.isArray(value)) return true;
  return Object.values(value).some((member) => member !== null && member !== undefined);
}

export function costOfField(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  scope: Scope,
  walk: Walk,
): { own: Lin; inner: Scope } {
  const spec =
    (field.extensions as { upstreamCost?: UpstreamCost }).upstreamCost ??
    (field.name === '_entities' ? ENTITIES_COST : undefined);
  const { m, r, held } = scope;
  if (!spec) return { own: ZERO, inner: scope };
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
      try {
        spec.checkArgs?.(args);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        throw new CostRefusal(ErrorCode.BAD_USER_INPUT, error.message);
      }
      const listed = spec.listingArgs?.some((name) => given(args[name])) ?? false;
      const owners = OWNERS.test(getNamedType(field.type).name);
      return {
        own: scale(m, (listed ? walk.listingCalls : 1) + size / 100),
        inner: { m: scale(m, size), r: owners ? scale(m, size) : r, known: undefined, held: held && !owners },
      };
    }
    case 'lookup': {
      const key = scope.known === undefined ? undefined : spec.keyOf?.(args, scope.known || undefined);
      if (key) {
        walk.batches.add(key);
        return { own: ZERO, inner: { m, r, known: key.owner, held } };
      }
      // Unknown ids: a call for each distinct repository of the parents, 100 ids a call.
      return { own: add(r, scale(m, 0.01)), inner: { m, r, known: undefined, held } };
    }
    case 'repository':
      return { own: held ? ZERO : r, inner: { m, r, known: undefined, held } };
    case 'shared':
      for (const key of spec.keys) walk.batches.add(key);
      return { own: ZERO, inner: { m, r, known: undefined, held } };
    case 'call':
      return { own: m, inner: { m, r, known: undefined, held } };
    case 'listing':
      return { own: scale(m, walk.listingCalls), inner: { m, r, known: undefined, held } };
    case 'registry':
      return {
        own: add(scale(m, spec.calls), spec.repository && !held ? r : ZERO),
        inner: { m, r, known: undefined, held },
      };
    case 'ids': {
      const value = args[spec.idsArg];
      const ids = Array.isArray(value) ? value : [value];
      if (ids.length > MAX_IDS_PER_FIELD) {
        throw new CostRefusal(
          ErrorCode.BAD_USER_INPUT,
          `${field.name} takes at most ${MAX_IDS_PER_FIELD} ${spec.idsArg} in one field, got ${ids.length}`,
        );
      }
      const keys = scope.known === undefined ? undefined : spec.keysOf?.(ids);
      if (!keys)
        return {
          own: scale(m, ids.length),
          inner: { m: scale(m, ids.length), r: scale(m, ids.length), known: undefined, held: false },
        };
      const owners = new Set<string>();
      for (const key of keys) {
        if (!key) continue; // refused at execution, with no call
        walk.batches.add(key);
        if (key.owner !== undefined) owners.add(key.owner);
      }
      return {
        own: ZERO,
        inner: { m: scale(m, ids.length), r: scale(m, owners.size), known: undefined, held: false },
      };
    }
  }
}
