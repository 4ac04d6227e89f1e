/**
 * The APQ registrations: hash -> document, bounded by bytes (ids and text, as UTF-16 length), the
 * least recently used dropped first. A client whose hash was dropped gets PERSISTED_QUERY_NOT_FOUND
 * and registers again, which is what APQ expects.
 */
import { LRUCache } from 'lru-cache';

export interface DocumentStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, document: string): Promise<void>;
}

export function createDocumentStore(maxBytes: number): DocumentStore {
  if (maxBytes <= 0) return { get: async () => undefined, set: async () => {} };
  const cache = new LRUCache<string, string>({
    maxSize: maxBytes,
    sizeCalculation: (document, hash) => Math.max(1, document.length + hash.length),
  });
  return {
    get: async (hash) => cache.get(hash),
    set: async (hash, document) => {
      // A document larger than the whole bound is not kept; LRUCache would refuse it anyway.
      if (document.length + hash.length <= maxBytes) cache.set(hash, document);
    },
  };
}
