/**
 * CORS (CONTRACT.md "Limits (addendum)"): the origins of CORS_ORIGINS are allowed with credentials
 * (their own origin echoed, `Access-Control-Allow-Credentials: true`); any other origin, `null`
 * included, gets `Access-Control-Allow-Origin: *` and no credentials, so a browser sends it no
 * cookies and shows it no answer to a credentialed request. Every preflight (OPTIONS) is answered
 * 204 here, before authentication and the client budget.
 *
 * Yoga's own `cors` option is off (server.ts): @whatwg-node/server's CORS echoes the request's
 * Origin for `*` and adds Allow-Credentials to every echoed origin, so it cannot send a literal `*`.
 */
import type { Plugin } from 'graphql-yoga';

/** Preflight answers are reused this long, seconds (browsers cap it at 2 h, some at 10 min). */
const PREFLIGHT_MAX_AGE_S = 600;

/** Adds `name` to the response's Vary unless listed; what is there stays. */
export function addVary(headers: Headers, name: string): void {
  const vary = headers.get('vary');
  const listed = (vary ?? '').toLowerCase().split(/\s*,\s*/);
  if (!vary) headers.set('vary', name);
  else if (!listed.includes(name.toLowerCase())) headers.set('vary', `${vary}, ${name}`);
}

/** `origins`: CORS_ORIGINS, origins as browsers send them (config/parse.ts `parseOrigins`). */
export function useCors(origins: readonly string[]): Plugin {
  const listed = new Set(origins);
  return {
    onRequest({ request, endResponse }) {
      if (request.method === 'OPTIONS') endResponse(new Response(null, { status: 204 }));
    },
    onResponse({ request, response }) {
      const headers = response.headers;
      const origin = request.headers.get('origin');
      if (listed.size === 0) {
        // The same answer for every origin: nothing varies, so caches may share it.
        headers.set('access-control-allow-origin', '*');
      } else {
        addVary(headers, 'Origin');
        if (origin === null) return;
        if (listed.has(origin)) {
          headers.set('access-control-allow-origin', origin);
          headers.set('access-control-allow-credentials', 'true');
        } else {
          headers.set('access-control-allow-origin', '*');
        }
      }
      if (request.method !== 'OPTIONS' || !request.headers.has('access-control-request-method')) return;
      headers.set('access-control-allow-methods', 'GET, POST');
      const requested = request.headers.get('access-control-request-headers');
      if (requested) {
        // Any header the page asks for: none of them is a credential the browser adds by itself.
        headers.set('access-control-allow-headers', requested);
        addVary(headers, 'Access-Control-Request-Headers');
      }
      headers.set('access-control-max-age', String(PREFLIGHT_MAX_AGE_S));
    },
  };
}
