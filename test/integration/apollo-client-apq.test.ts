/**
 * Apollo Client's persisted-queries link (APQ) against the gateway over HTTP, as a frontend uses
 * it: the first request sends the hash alone, the gateway answers PERSISTED_QUERY_NOT_FOUND, the
 * link retries with the query (registering it), and every later request sends the hash alone.
 * With `useGETForHashedQueries` the hashed requests are GETs a CDN can cache (`Cache-Control:
 * public`); the retry with the query stays a POST. Requests are counted at the server.
 */
import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { serve } from '../helpers/http-server';
import { createStack, type Stack } from '../helpers/stack';

interface Seen {
  method: string;
  hashOnly: boolean;
  status: number;
  cacheControl: string | undefined;
}

const QUERY = gql`
  query Frontend {
    repository(name: "web/frontend") {
      repositoryName
    }
  }
`;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The gateway on port 0, counting the requests it receives, and a fetch for the client that
 * records each request's method, whether it carried a query, and the answer's status and
 * Cache-Control.
 */
async function recorded(stack: Stack) {
  const seen: Seen[] = [];
  const received = { count: 0 };
  const served = await serve((request, response) => {
    received.count++;
    stack.gateway(request, response);
  });
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const response = await fetch(input, init);
    seen.push({
      method: init?.method ?? 'GET',
      hashOnly: !url.searchParams.has('query') && !('query' in body),
      status: response.status,
      cacheControl: response.headers.get('cache-control') ?? undefined,
    });
    return response;
  };
  return { served, seen, received, recordingFetch };
}

function clientOf(url: string, useGETForHashedQueries: boolean, recordingFetch: typeof fetch) {
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: createPersistedQueryLink({ sha256, useGETForHashedQueries }).concat(
      new HttpLink({ uri: url, fetch: recordingFetch }),
    ),
  });
}

describe("Apollo Client's persisted-queries link", () => {
  it.each([
    ['POST', false],
    ['GET', true],
  ])('sends the hash, retries with the query, then the hash alone (hashed requests by %s)', async (method, useGet) => {
    const stack = createStack();
    const { served, seen, received, recordingFetch } = await recorded(stack);
    const client = clientOf(served.url, useGet, recordingFetch);
    try {
      const first = await client.query({ query: QUERY, fetchPolicy: 'network-only' });
      expect(first.data).toEqual({ repository: { __typename: 'Repository', repositoryName: 'web/frontend' } });
      expect(seen.map((s) => [s.method, s.hashOnly])).toEqual([
        [method, true],
        ['POST', false],
      ]);
      const again = await client.query({ query: QUERY, fetchPolicy: 'network-only' });
      expect(again.data).toEqual(first.data);
      expect(seen.map((s) => [s.method, s.hashOnly])).toEqual([
        [method, true],
        ['POST', false],
        [method, true],
      ]);
      expect(seen.every((s) => s.status === 200)).toBe(true);
      expect(received.count).toBe(3);
      // The hash alone, by GET and without credentials, is what a CDN may keep; POST never.
      expect(seen[2]?.cacheControl).toMatch(useGet ? /^public, max-age=\d+/ : /no-store/);
      // One lookup for the registration; the third answer came from the upstream cache.
      expect(stack.calls()).toBe(1);
    } finally {
      client.stop();
      await served.close();
    }
  });
});
