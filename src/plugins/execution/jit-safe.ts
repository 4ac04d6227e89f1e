/**
 * Which documents graphql-jit 0.8.7 answers exactly as graphql-js does (use-jit.ts compiles only
 * those):
 * - one operation: the envelop plugin caches a compiled query by document, whatever
 *   `operationName` asks for, so a document with several operations would run the wrong one;
 * - no variable with a default: graphql-jit compiles the variables' coercion too, and from then on
 *   refuses a non-null variable left to its default as "was not provided";
 * - no list of nullable or abstract items (`_entities`, `nodes`): graphql-jit puts the null of a
 *   rejected list item at the end of the list (`resultArray.push(null)` in its safeMap handler),
 *   not at the item's index, so a missing entity would shift the others. Non-null items are safe:
 *   a rejected one nulls the whole list either way;
 * - no `@defer` or `@stream`: graphql-jit ignores them and answers everything at once;
 * - no subscription: each event is one small execution, and graphql-jit's own subscribe is untried here.
 */
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { usesIncremental } from './use-incremental';

/** Whether graphql-jit answers this document exactly as graphql-js would (see the module's doc). */
export function jitSafe(schema: GraphQLSchema, document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return false;
  if (operations[0]?.kind === Kind.OPERATION_DEFINITION && operations[0].operation === 'subscription') return false;
  if (usesIncremental(document)) return false;
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
