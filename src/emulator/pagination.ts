/**
 * Opaque page tokens and paging. A token is base64url JSON of the position plus an HMAC over the
 * position and the query it belongs to (operation, registry, repository), so a forged, tampered or
 * foreign token fails the check and answers InvalidParameterException, as AWS answers one it did not
 * issue. Paging is a slice: O(page).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidParameter } from './request-validation';

// Fixed, so tokens are stable across runs (snapshots, a restarted standalone emulator); the emulator
// guards no secret, the HMAC only makes tokens unforgeable by hand.
const TOKEN_KEY = 'ecr-public-emulator/page-token/v1';

function mac(scope: string, payload: string): Buffer {
  return createHmac('sha256', TOKEN_KEY).update(scope).update('\n').update(payload).digest().subarray(0, 16);
}

export function encodeToken(scope: string, position: number): string {
  const payload = Buffer.from(JSON.stringify({ p: position })).toString('base64url');
  return `${payload}.${mac(scope, payload).toString('base64url')}`;
}

/** The position `token` stands for within `scope`, or InvalidParameterException. */
export function decodeToken(scope: string, token: string, length: number): number {
  const invalid = () => invalidParameter('nextToken', 'Invalid NextToken');
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(scope, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let position: unknown;
  try {
    position = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown }).p;
  } catch {
    throw invalid();
  }
  if (!Number.isSafeInteger(position) || (position as number) < 0 || (position as number) > length) throw invalid();
  return position as number;
}

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

/** One page of `items` from the token's position; `nextToken` only while items remain. */
export function paginate<T>(items: readonly T[], request: PageRequest, scope: string, defaultSize: number) {
  const start = request.nextToken === undefined ? 0 : decodeToken(scope, request.nextToken, items.length);
  const end = Math.min(items.length, start + (request.maxResults ?? defaultSize));
  const page = items.slice(start, end);
  return end < items.length ? { page, nextToken: encodeToken(scope, end) } : { page };
}
