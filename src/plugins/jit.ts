/**
 * graphql-jit (@envelop/graphql-jit): a query executed more than once is compiled into a function
 * and runs through it from then on, with about half the CPU of graphql-js's interpreter on a page
 * of images (test/bench). Compiling costs more than one execution, so a document is compiled at
 * its `after`-th execution: one-off queries never pay for it.
 *
 * Only documents it answers exactly as graphql-js does are compiled:
 * - one operation: the envelop plugin caches a compiled query by document, whatever
 *   `operationName` asks for, so a document with several operations would run the wrong one;
 * - no variable with a default: graphql-jit 0.8.7 compiles the variables' coercion too, and from
 *   then on refuses a non-null variable left to its default as "was not provided";
 * - no list of nullable or abstract items (`_entities`, `nodes`): graphql-jit 0.8.7 puts the null
 *   of a rejected list item at the end of the list (`resultArray.push(null)` in its safeMap
 *   handler), not at the item's index, so a missing entity would shift the others. Non-null items
 *   are safe: a rejected one nulls the whole list either way.
 *
 * Its errors carry `locations` but not the `source` and `positions` they come from, so Yoga, which
 * rebuilds every error from those, would drop them: they are rebuilt here, as graphql-js has them.
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type Source,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface JitOptions {
  /** Compile a document at this execution of it; 1 compiles every one. @default 2 */
  after?: number;
}

/** Whether graphql-jit answers this document exactly as graphql-js would (see the module's doc). */
export function jitSafe(schema: GraphQLSchema, document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  if (operations[0]?.variableDefinitions?.some((variable) => variable.defaultValue !== undefined)) return false;
  const typeInfo = new TypeInfo(schema);
  let safe = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const list = getNullableType(typeInfo.getType());
        if (!list || !isListType(list) || !isCompositeType(getNamedType(list))) return;
        if (!isNonNullType(list.ofType) || isAbstractType(getNamedType(list))) safe = false;
      },
    }),
  );
  return safe;
}

/** Offsets in `source` of 1-based line and column pairs. */
function positionsOf(source: Source, locations: readonly { line: number; column: number }[]): number[] {
  const starts = [0];
  for (let i = 0; i < source.body.length; i++) if (source.body[i] === '\n') starts.push(i + 1);
  return locations.map(({ line, column }) => (starts[line - 1] ?? 0) + column - 1);
}

/** graphql-jit's errors as graphql-js makes them: with the source and positions behind `locations`. */
function locateErrors(errors: readonly GraphQLError[], source: Source | undefined): GraphQLError[] | undefined {
  if (!source || !errors.some((error) => error.locations?.length && !error.positions)) return undefined;
  return errors.map((error) =>
    error.locations?.length && !error.positions
      ? new GraphQLError(error.message, {
          source,
          positions: positionsOf(source, error.locations),
          path: error.path ?? null,
          originalError: error.originalError ?? null,
          extensions: error.extensions,
        })
      : error,
  );
}

export function useGatewayJit(options: JitOptions = {}): Plugin[] {
  const after = options.after ?? 2;
  // Documents come from Yoga's parse cache, so a repeated query is the same object.
  const seen = new WeakMap<DocumentNode, { executions: number; safe: boolean | undefined }>();
  const jit = useGraphQlJit(
    {},
    {
      enableIf: (args) => {
        let entry = seen.get(args.document);
        if (!entry) {
          entry = { executions: 0, safe: undefined };
          seen.set(args.document, entry);
        }
        entry.executions++;
        if (entry.executions < after) return false;
        entry.safe ??= jitSafe(args.schema, args.document);
        return entry.safe;
      },
    },
  ) as Plugin;
  const locations: Plugin = {
    onExecute: ({ args }) => ({
      onExecuteDone({ result, setResult }) {
        if (Symbol.asyncIterator in result || !result.errors?.length) return;
        const located = locateErrors(result.errors, args.document.loc?.source);
        if (located) setResult({ ...result, errors: located });
      },
    }),
  };
  return [jit, locations];
}
