/**
 * OpenTelemetry trace hooks, on with OTEL_TRACES=true: a span per GraphQL operation
 * (@envelop/opentelemetry), sent to the global tracer provider. The gateway registers no SDK and no
 * exporter of its own: the operator's does (for example `node --require
 * @opentelemetry/auto-instrumentations-node/register dist/main.js` with the usual OTEL_* variables),
 * which also traces the SDK's HTTP calls to AWS. Without one, spans cost nothing.
 */
import { useOpenTelemetry } from '@envelop/opentelemetry';
import { type TracerProvider, trace } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';

export function useTracing(provider: TracerProvider = trace.getTracerProvider()): Plugin {
  // Variables and results stay out of spans: they may carry what a client considers private.
  return useOpenTelemetry(
    { document: true, resolvers: false, variables: false, result: false },
    provider,
    undefined,
    undefined,
    'ecr-public-gateway',
  ) as Plugin;
}
