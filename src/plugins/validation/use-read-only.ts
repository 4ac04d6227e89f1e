/**
 * The schema has no Mutation type: a mutation (or any operation whose root type the schema lacks)
 * is refused before execution, as BAD_REQUEST with HTTP 400, where graphql-js answered 200 with an
 * execution error that carried no `extensions.code` ("Schema is not configured to execute ...").
 * Subscriptions have their root type (schema/repository-change.ts) and pass.
 */
import { type DocumentNode, type GraphQLError, type GraphQLSchema, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, refusal } from '../../errors';

interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null | undefined;
}

function refusalOf(args: OperationArgs): GraphQLError | undefined {
  const kind = getOperationAST(args.document, args.operationName)?.operation;
  if (kind === undefined || kind === 'query' || args.schema.getRootType(kind)) return undefined;
  return refusal(
    ErrorCode.BAD_REQUEST,
    kind === 'mutation' ? 'This API is read-only: it has no mutations.' : 'This API has no subscriptions.',
    400,
  );
}

export function useReadOnly(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = refusalOf(args as OperationArgs);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = refusalOf(args as OperationArgs);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}
