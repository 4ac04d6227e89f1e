/** The registry's answers: Distribution-spec errors and documents with their headers. */
import type { EmulatorResponse } from '../types';
import type { Document } from './content';

export type DistributionCode =
  | 'NAME_UNKNOWN'
  | 'MANIFEST_UNKNOWN'
  | 'BLOB_UNKNOWN'
  | 'UNAUTHORIZED'
  | 'TOOMANYREQUESTS'
  | 'DIGEST_INVALID'
  | 'PAGINATION_NUMBER_INVALID'
  | 'UNSUPPORTED'
  | 'UNKNOWN';

export class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: DistributionCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorAnswer(error: RegistryError): EmulatorResponse {
  const body = JSON.stringify({ errors: [{ code: error.code, message: error.message, detail: null }] });
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...error.headers,
    },
    body,
  };
}

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  const body = JSON.stringify(value);
  return {
    status,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
    body,
  };
}

export function documentAnswer(doc: Document, head: boolean): EmulatorResponse {
  return {
    status: 200,
    headers: {
      'content-type': doc.mediaType,
      'content-length': String(doc.bytes.length),
      'docker-content-digest': doc.digest,
    },
    body: head ? '' : doc.bytes.toString('utf8'),
  };
}

/** Whether an `Accept` header admits `mediaType` (no header admits anything). */
export function accepts(accept: string | undefined, mediaType: string): boolean {
  if (!accept?.trim()) return true;
  return accept.split(',').some((part) => {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    return type === mediaType || type === '*/*' || type === 'application/*';
  });
}
