/**
 * `extensions.cost` in the response (CONTRACT.md "Cost"): what this request cost upstream, as
 * GitHub's `rateLimit { cost }` shows a query's cost, counted in ECR Public calls. Sent when the
 * request carries `x-include-cost: 1`, and always when `always` is set (development).
 */
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context';

export function useCostExtension(options: { always: boolean }): Plugin<GatewayContext> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as GatewayContext & { request?: Request };
      const asked = ctx.request?.headers.get('x-include-cost');
      if (!options.always && asked !== '1' && asked !== 'true') return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const { upstreamCalls, cacheHits, coalesced, retries } = ctx.stats;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              cost: { upstreamCalls: { ...upstreamCalls }, cacheHits, coalesced, retries },
            },
          });
        },
      };
    },
  };
}
