/**
 * The query cost limit: an operation whose estimated ECR Public calls (query-cost.ts) pass
 * QUERY_MAX_COST is refused before execution, as QUERY_TOO_COMPLEX with HTTP 400, with no call
 * upstream; so is a page size the estimate refuses (BAD_USER_INPUT).
 */
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, refusal } from '../../errors';
import { CostRefusal, estimateCost } from './query-cost';

export interface QueryCostOptions {
  /** The most estimated upstream calls one operation may cost. */
  maxCost: number;
  /** IMAGE_LISTING_CAP, which prices whole listings. @default 10000 */
  listingCap?: number;
}

/** What onExecute and onSubscribe both hand a hook. */
interface Stoppable {
  args: {
    schema: GraphQLSchema;
    document: unknown;
    operationName?: string | null | undefined;
    variableValues?: Record<string, unknown> | null | undefined;
  };
  setResultAndStopExecution(result: { errors: GraphQLError[] }): void;
}

export function useQueryCost(options: QueryCostOptions): Plugin {
  // A subscription is priced as a query is: its own root field, and what each event selects.
  const check = ({ args, setResultAndStopExecution }: Stoppable): void => {
    let refused: GraphQLError | undefined;
    try {
      const cost = estimateCost({
        schema: args.schema,
        document: args.document as DocumentNode,
        operationName: args.operationName,
        variables: args.variableValues,
        listingCap: options.listingCap,
      });
      if (cost !== undefined && cost > options.maxCost) {
        refused = refusal(
          ErrorCode.QUERY_TOO_COMPLEX,
          `Query would cost about ${Math.ceil(cost)} ECR Public calls; the limit is ${options.maxCost}. Ask for smaller pages or fewer of them.`,
          400,
        );
      }
    } catch (error) {
      if (!(error instanceof CostRefusal)) throw error;
      refused = refusal(error.code, error.message, 400);
    }
    if (refused) setResultAndStopExecution({ errors: [refused] });
  };
  return { onExecute: check, onSubscribe: check };
}
