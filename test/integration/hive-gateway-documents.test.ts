/**
 * Hive Gateway in front of the gateway, with the frontend's fast path: trusted documents held by
 * the router (the same persisted-documents.json our PERSISTED_DOCUMENTS reads, ids `sha256:<hex>`),
 * by `documentId` on POST and GET, arbitrary documents refused before any subgraph request; and
 * `@defer` (the runtime's `deferStream`), the initial payload out while the deferred field's
 * upstream call is still delayed at the emulator. Hive Gateway 2.12 fetches a deferred fragment
 * by a second, `_entities` request to the subgraph once the first has answered.
 */
import { createHash } from 'node:crypto';
import { documentKey } from '../../src/config/persisted-documents';
import { catalogFixture } from '../helpers/catalog-fixture';
import { startHiveRouter } from '../helpers/hive-router';
import type { GraphQLResponse } from '../helpers/stack';

const DOC =
  'query Frontend { repository(name: "web/frontend") { repositoryName imageCount: images(first: 1) { edges { node { imageTags } } } } }';
const ID = `sha256:${createHash('sha256').update(DOC).digest('hex')}`;
const MANIFEST: Record<string, string> = { [ID]: DOC };
const documents = new Map(Object.entries(MANIFEST).map(([id, doc]) => [documentKey(id), doc]));

/** `documentId` from the body or the query string (what our gateway reads), else APQ's hash. */
function documentIdOf(params: { extensions?: Record<string, unknown> }, request: Request): string | null {
  const fromBody = (params as { documentId?: unknown }).documentId;
  if (typeof fromBody === 'string') return fromBody;
  const fromUrl = new URL(request.url).searchParams.get('documentId');
  if (fromUrl) return fromUrl;
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  return typeof hash === 'string' ? hash : null;
}

const trustedRouter = () =>
  startHiveRouter({
    runtime: {
      persistedDocuments: {
        getPersistedOperation: (id: string) => documents.get(documentKey(id)) ?? null,
        extractPersistedOperationId: documentIdOf,
        allowArbitraryDocuments: false,
        // The gateway's own codes (CONTRACT.md), so a client sees one vocabulary either side of the router.
        customErrors: {
          notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
          persistedQueryOnly: {
            message: 'Only persisted documents are accepted',
            extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
          },
        },
      },
    },
  });

const EXPECTED = {
  repository: { repositoryName: 'web/frontend', imageCount: { edges: [{ node: { imageTags: ['v0'] } }] } },
};

describe('Hive Gateway with trusted documents', () => {
  it('serves a trusted document by documentId, POST and GET, and refuses anything else before any subgraph request', async () => {
    const router = await trustedRouter();
    try {
      const posted = await router.query('', { query: undefined, documentId: ID });
      expect(posted).toEqual({ data: EXPECTED, extensions: expect.anything() });
      const got = await router.fetch(`http://router/graphql?documentId=${encodeURIComponent(ID)}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(got.status).toBe(200);
      expect(((await got.json()) as GraphQLResponse).data).toEqual(EXPECTED);
      // The second answer came from the gateway's upstream cache: two subgraph requests, two calls.
      expect(router.requests.ecr).toBe(2);
      expect(router.stack.calls()).toBe(2);

      const requests = { ...router.requests };
      const unknown = await router.query('', { query: undefined, documentId: `sha256:${'0'.repeat(64)}` });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const arbitrary = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: DOC }),
      });
      expect(arbitrary.status).toBe(400);
      expect(((await arbitrary.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      expect(router.requests).toEqual(requests);
      expect(router.stack.calls()).toBe(2);
    } finally {
      await router.close();
    }
  });
});

describe('Hive Gateway and @defer', () => {
  it('sends the initial payload while the deferred field is still delayed upstream (a second subgraph request)', async () => {
    const router = await startHiveRouter({ stack: { fixture: catalogFixture() }, runtime: { deferStream: true } });
    router.stack.emulator.faults.set({ latencyMs: 500, operations: ['GetRepositoryCatalogData'] });
    try {
      const response = await router.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed' },
        body: JSON.stringify({
          // The key fields selected up front: Hive Gateway 2.12 builds the deferred part's
          // `_entities` representation from the fields the first request selected, so without
          // `registryId` it sends `{ repositoryName }` alone and the subgraph refuses that key.
          query:
            '{ repository(name: "gallery/app") { registryId repositoryName ... @defer { catalogData { description } } } }',
        }),
      });
      expect(response.headers.get('content-type')).toContain('multipart/mixed');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('"hasNext":true')) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`ended before a first payload: ${text}`);
        text += decoder.decode(chunk.value, { stream: true });
      }
      expect(text).toContain('"repositoryName":"gallery/app"');
      expect(text).not.toContain('catalogData');
      const answered = () =>
        router.stack.emulator.calls
          .all()
          .filter((c) => c.operation === 'GetRepositoryCatalogData' && c.outcome === 'ok');
      expect(answered()).toHaveLength(0);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += decoder.decode(chunk.value, { stream: true });
      }
      expect(text).toContain('"catalogData":{"description":"The storefront app"}');
      expect(text).toContain('"hasNext":false');
      expect(answered()).toHaveLength(1);
      // The router asked for the deferred field in its own `_entities` request, after the first.
      expect(router.requests.ecr).toBe(2);
    } finally {
      await router.close();
    }
  });
});
