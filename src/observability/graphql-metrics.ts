/**
 * The GraphQL side of `/metrics` (@graphql-yoga/plugin-prometheus), with labels a client cannot
 * multiply: no URL, query text, variables or error path (aliases are the client's words) in any
 * label, and operation names only from a capped set, the rest counted as `other`.
 * The plugin's own defaults label `graphql_yoga_http_duration` with the whole GET URL and every
 * metric with whatever operation name a request carries: 100 distinct GET queries added about
 * 1,500 series, 500 operation names about 47,000.
 */
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

/** Distinct operation names that get their own series; later ones share `other`. */
export const OPERATION_NAMES_MAX = 100;
/** A GraphQL name (the spec's grammar) no longer than this; anything else is `other`. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Maps a name to itself while fewer than `max` distinct names have been seen, else to `other`. */
export function boundedNames(max: number): (name: string | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'Anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= max || !NAME.test(name)) return 'other';
    seen.add(name);
    return name;
  };
}

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

export function graphqlMetrics(registry: Registry, options: { endpoint: boolean }): Plugin {
  const named = boundedNames(OPERATION_NAMES_MAX);
  const operation = (params: FillLabelsFnParams) => ({
    operationName: named(params.operationName),
    operationType: params.operationType && OPERATION_TYPES.has(params.operationType) ? params.operationType : 'unknown',
  });
  const OPERATION_LABELS = ['operationName', 'operationType'] as const;
  return usePrometheus({
    registry,
    endpoint: options.endpoint ? '/metrics' : false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed', labelNames: OPERATION_LABELS },
        fillLabelsFn: operation,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time of a GraphQL operation from parse to execute',
          labelNames: OPERATION_LABELS,
        },
        fillLabelsFn: operation,
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors in results, by phase (parse, validate, context, execute)',
          labelNames: [...OPERATION_LABELS, 'phase'],
        },
        fillLabelsFn: (params) => ({ ...operation(params), phase: params.errorPhase ?? 'unknown' }),
      }),
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time of an HTTP request that carried a GraphQL operation',
          labelNames: [...OPERATION_LABELS, 'method', 'statusCode'],
        },
        // Node's parser accepts only the methods it knows: a bounded set.
        fillLabelsFn: (params, { request, response }) => ({
          ...operation(params),
          method: request.method,
          statusCode: response.status,
        }),
      }),
      // On by default, it walks every request's document for deprecated fields; the schema has none.
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
    },
  });
}
