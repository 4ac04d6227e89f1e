/**
 * Trusted documents (PERSISTED_DOCUMENTS) and automatic persisted queries (APQ). A request names
 * a document by `documentId` (POST body or GET parameter) or by APQ's
 * `extensions.persistedQuery.sha256Hash`; its text replaces `query` in onParams, so every later
 * plugin (limits, cost, auth, the client budget) sees it as it would a sent query. An unknown id is
 * PERSISTED_QUERY_NOT_FOUND (HTTP 200, the message Apollo's link looks for), before any upstream call.
 * APQ registration (hash and query together) checks the hash; a mismatch is HTTP 400 BAD_USER_INPUT
 * and stores nothing. Written by hand rather than with @graphql-yoga/plugin-persisted-operations:
 * that plugin neither registers APQ documents nor checks their hash.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { documentKey, type PersistedDocumentSettings } from '../../config';
import { ErrorCode, refusal } from '../../errors';
import { createDocumentStore, type DocumentStore } from './document-store';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const notFound = () => refusal(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound', 200);
const onlyListed = () =>
  refusal(ErrorCode.PERSISTED_QUERY_ONLY, 'Only the persisted documents of this gateway are served.', 400);

function requestedId(params: Record<string, unknown>, request: Request): unknown {
  if (params.documentId !== undefined) return params.documentId;
  if (request.method !== 'GET') return undefined;
  return new URL(request.url).searchParams.get('documentId') ?? undefined;
}

function apqHash(extensions: unknown): unknown {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return persisted?.sha256Hash;
}

export interface PersistedDocumentsOptions extends PersistedDocumentSettings {
  /** Where APQ registrations live; in-process and bounded by apqMaxBytes unless given. */
  store?: DocumentStore;
}

export function usePersistedDocuments(options: PersistedDocumentsOptions): Plugin {
  const listed = options.documents ?? new Map<string, string>();
  const store = options.store ?? createDocumentStore(options.apqMaxBytes);
  return {
    async onParams({ params, request, setParams }) {
      const fields = params as unknown as Record<string, unknown>;
      const id = requestedId(fields, request) ?? apqHash(fields.extensions);
      const query = typeof fields.query === 'string' && fields.query !== '' ? fields.query : undefined;
      if (fields.documentId !== undefined && query !== undefined) {
        throw refusal(ErrorCode.BAD_REQUEST, 'Send either documentId or query, not both.', 400);
      }
      if (id === undefined || id === null) {
        if (options.only && (query === undefined || !listed.has(sha256(query)))) throw onlyListed();
        return;
      }
      if (typeof id !== 'string' || id === '' || id.length > 200) {
        throw refusal(ErrorCode.BAD_REQUEST, 'A document id must be a non-empty string.', 400);
      }
      const key = documentKey(id);
      const known = listed.get(key);
      if (query !== undefined) {
        // APQ registration, or a listed document sent in full.
        if (sha256(query) !== key) {
          throw refusal(ErrorCode.BAD_USER_INPUT, 'provided sha does not match query', 400);
        }
        if (known === undefined) {
          if (options.only) throw onlyListed();
          await store.set(key, query);
        }
        return;
      }
      const document = known ?? (options.only ? undefined : await store.get(key));
      if (document === undefined) throw notFound();
      // Yoga refuses parameters it does not know, documentId among them, after every onParams.
      const { documentId: _documentId, ...rest } = fields;
      setParams({ ...(rest as typeof params), query: document });
    },
  };
}
