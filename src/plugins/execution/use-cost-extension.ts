/**
 * `extensions.cost` in the response (CONTRACT.md "Cost"): what this request cost upstream, as
 * GitHub's `rateLimit { cost }` shows a query's cost, counted in ECR Public calls. Sent when the
 * request carries `x-include-cost: 1`, and always when `always` is set (development).
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../../context';
import { asksForCost, costReport } from '../cost-report';

export function useCostExtension(options: { always: boolean }): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      if (!asksForCost(ctx.request, options.always)) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...result.extensions, cost: costReport(ctx.stats) } });
        },
      };
    },
  };
}
