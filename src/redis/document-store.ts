/**
 * APQ registrations shared by every replica (REDIS_URL): a document registered on one replica is
 * served by hash on the next. The replica's own bounded store (plugins/documents/document-store.ts)
 * answers first; Redis keeps each document for a day (re-registration renews it), the bound on
 * its side, with documents past PERSISTED_QUERIES_MAX_BYTES never sent. Redis down or slow: a miss
 * (the client registers again) and a skipped write, never a failed request.
 */
import type { DocumentStore } from '../plugins/documents/document-store';
import type { RedisLink } from './link';

/** How long Redis keeps a registered document, seconds. */
export const SHARED_DOCUMENT_TTL_S = 24 * 60 * 60;

export function createSharedDocumentStore(
  link: RedisLink,
  local: DocumentStore,
  keyPrefix: string,
  maxBytes: number,
): DocumentStore {
  return {
    async get(hash) {
      const hit = await local.get(hash);
      if (hit !== undefined || !link.up()) return hit;
      const shared = await link.attempt((redis) => redis.get(`${keyPrefix}${hash}`)).catch(() => null);
      if (shared === null) return undefined;
      await local.set(hash, shared);
      return shared;
    },
    async set(hash, document) {
      await local.set(hash, document);
      if (!link.up() || document.length + hash.length > maxBytes) return;
      // Not awaited: a request never waits for the shared copy.
      link
        .attempt((redis) => redis.set(`${keyPrefix}${hash}`, document, 'EX', SHARED_DOCUMENT_TTL_S))
        .catch(() => undefined);
    },
  };
}
