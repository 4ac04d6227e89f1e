/**
 * What names a stored answer: the query, operation name and variables, and the client's session
 * (its credentials), hashed. A request's parameters are read here for a conditional request too.
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

/** A request's GraphQL parameters as Yoga will read them, for a conditional request; else undefined. */
export async function paramsOf(request: Request, url: URL): Promise<Params | undefined> {
  try {
    if (request.method === 'GET') {
      const variables = url.searchParams.get('variables');
      return {
        query: url.searchParams.get('query') ?? undefined,
        operationName: url.searchParams.get('operationName') ?? undefined,
        variables: variables ? JSON.parse(variables) : undefined,
      } as Params;
    }
    return (await request.clone().json()) as Params;
  } catch {
    return undefined;
  }
}
