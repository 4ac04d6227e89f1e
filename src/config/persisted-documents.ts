/**
 * PERSISTED_DOCUMENTS, PERSISTED_DOCUMENTS_ONLY and the APQ store's bound (plugins/documents).
 * The file is GraphQL Code Generator's persisted-documents.json, `{ "<id>": "<document>" }`, ids
 * `sha256:<hex>` or bare hex; it is read once here, so a bad path or malformed file stops start-up
 * with one line naming the variable. A leaf, as index.ts is.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, type Env, parseBoolean, parseInteger, text } from './parse';

export interface PersistedDocumentSettings {
  /** Documents by id without its `sha256:` prefix, lower-cased; undefined: no file. */
  documents: ReadonlyMap<string, string> | undefined;
  /** Refuse any document not in the file (HTTP 400 PERSISTED_QUERY_ONLY). @default false */
  only: boolean;
  /** Bytes of APQ-registered documents kept (ids and text); 0: no registration. @default 4194304 */
  apqMaxBytes: number;
}

/** An id as the store keys it: `sha256:` dropped, hex lower-cased. */
export const documentKey = (id: string): string => id.replace(/^sha256:/i, '').toLowerCase();

function readDocuments(path: string): Map<string, string> {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('PERSISTED_DOCUMENTS', `cannot read ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('PERSISTED_DOCUMENTS', `${path} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('PERSISTED_DOCUMENTS', `${path} must be a JSON object { "<id>": "<document>" }`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || document.trim() === '' || documentKey(id) === '') {
      throw new ConfigError('PERSISTED_DOCUMENTS', `${path}: entry "${id}" must be a non-empty document string`);
    }
    documents.set(documentKey(id), document);
  }
  return documents;
}

export function persistedDocumentsOf(env: Env): PersistedDocumentSettings {
  const path = text(env, 'PERSISTED_DOCUMENTS');
  const only = parseBoolean(env, 'PERSISTED_DOCUMENTS_ONLY', false);
  if (only && path === undefined) {
    throw new ConfigError('PERSISTED_DOCUMENTS_ONLY', 'needs PERSISTED_DOCUMENTS (the documents to allow)');
  }
  return {
    documents: path === undefined ? undefined : readDocuments(path),
    only,
    apqMaxBytes: parseInteger(env, 'PERSISTED_QUERIES_MAX_BYTES', 4 * 1024 * 1024, 0, 2 ** 40),
  };
}
