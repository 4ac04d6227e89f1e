/**
 * What a browser meets at the door: `GET /` goes to `/graphql` (GraphiQL, when it is on), and
 * with GraphiQL off a browser's `GET /graphql` gets a short page that says how to send queries,
 * instead of Yoga's empty 406. Requests that carry a query, and every non-browser client, pass.
 */
import type { Plugin } from 'graphql-yoga';

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ECR Public GraphQL</title></head>
<body>
<h1>ECR Public GraphQL</h1>
<p>This endpoint answers GraphQL requests; its in-browser IDE (GraphiQL) is turned off here.</p>
<p>Send a query by <code>POST /graphql</code> with <code>content-type: application/json</code> and a body
<code>{"query": "{ repositories(first: 10) { edges { node { repositoryName } } } }"}</code>,
or by <code>GET /graphql?query=...</code>.</p>
</body>
</html>
`;

const wantsHtml = (request: Request): boolean => (request.headers.get('accept') ?? '').includes('text/html');

export function useEntrance(options: { graphqlPath: string; graphiql: boolean }): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/') {
        endResponse(new Response(null, { status: 302, headers: { location: options.graphqlPath } }));
        return;
      }
      if (options.graphiql || url.pathname !== options.graphqlPath || url.searchParams.has('query')) return;
      if (!wantsHtml(request)) return;
      endResponse(
        new Response(request.method === 'HEAD' ? null : PAGE, {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
      );
    },
  };
}
