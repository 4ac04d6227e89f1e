/**
 * What names a stored answer: the query, operation name and variables, and the client's session
 * (its credentials), hashed: from the params Yoga parsed, never from a body read a second time.
 */
import { createHash } from 'node:crypto';

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'x-api-key'];
export function credentialsSession(request: Request): string | null {
  let session: string | null = null;
  for (const name of CREDENTIAL_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) session = `${session ?? ''}${name}:${value}\n`;
  }
  return session;
}

export interface Params {
  query?: string;
  operationName?: string | null;
  variables?: unknown;
}

export function keyOf(params: Params, session: string | null): string {
  return createHash('sha256')
    .update(params.query ?? '')
    .update('\0')
    .update(params.operationName ?? '')
    .update('\0')
    .update(JSON.stringify(params.variables ?? null))
    .update('\0')
    .update(session ?? '')
    .digest('base64url');
}
