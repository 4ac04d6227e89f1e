/**
 * `/health` and `/readiness`, answered on their exact paths only. Yoga's own checks match any URL
 * that ends with their endpoint, query string included (`request.url.endsWith('/health')`), so
 * `GET /graphql?query=...&x=/health` was answered by the health check instead of GraphQL.
 * server.ts points Yoga's built-in health check at YOGA_HEALTH_CHECK_OFF and uses these instead.
 */
import type { Plugin } from 'graphql-yoga';

/**
 * An endpoint no request URL ends with: an HTTP request target never holds a space (it ends the
 * request line), and URL serialization percent-encodes one. Yoga's built-in health check cannot
 * be removed, only given an endpoint; this one answers nothing.
 */
export const YOGA_HEALTH_CHECK_OFF = ' ';

/** 200 with no body on exactly `path`, before anything else reads the request. @default '/health' */
export function useHealthCheck(path = '/health'): Plugin {
  return {
    onRequest({ url, endResponse }) {
      if (url.pathname === path) endResponse(new Response(null, { status: 200 }));
    },
  };
}

export interface ReadinessCheckOptions {
  /** @default '/readiness' */
  endpoint?: string;
  /** Ready or not; a rejection counts as not ready (503, and no detail of it is sent). */
  check: () => boolean | Promise<boolean>;
}

/** 200 while `check` says ready, else 503, on exactly `endpoint`. */
export function useReadinessCheck(options: ReadinessCheckOptions): Plugin {
  const endpoint = options.endpoint ?? '/readiness';
  return {
    onRequest({ url, endResponse }): Promise<void> | undefined {
      if (url.pathname !== endpoint) return;
      return Promise.resolve()
        .then(options.check)
        .catch(() => false)
        .then((ready) => endResponse(new Response(null, { status: ready ? 200 : 503 })));
    },
  };
}
