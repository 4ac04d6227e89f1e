/**
 * What a browser meets at the door: `GET /` goes to `/graphql`; there a browser (Accept:
 * text/html) gets GraphiQL's page, rendered and compressed once (graphiql-page.ts), or, with
 * GraphiQL off, a short page that says how to send queries instead of Yoga's empty 406. With
 * GraphiQL off, requests that carry a query, and every non-browser client, pass.
 */
import type { Plugin } from 'graphql-yoga';
import { createGraphiQLPage } from './graphiql-page';

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

export interface EntranceOptions {
  graphqlPath: string;
  /** Renders GraphiQL's page (called once); false: GraphiQL is off. */
  graphiql: (() => string) | false;
}

export function useEntrance(options: EntranceOptions): Plugin {
  const graphiql = options.graphiql && createGraphiQLPage(options.graphiql);
  const paths = new Set([options.graphqlPath, `${options.graphqlPath}/`]);
  return {
    onRequest({ request, url, endResponse }): Promise<void> | undefined {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname === '/') {
        endResponse(new Response(null, { status: 302, headers: { location: options.graphqlPath } }));
        return;
      }
      if (!paths.has(url.pathname) || !wantsHtml(request)) return;
      if (graphiql) return graphiql.respond(request).then(endResponse);
      if (url.searchParams.has('query')) return;
      endResponse(
        new Response(request.method === 'HEAD' ? null : PAGE, {
          status: 200,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        }),
      );
      return;
    },
  };
}
