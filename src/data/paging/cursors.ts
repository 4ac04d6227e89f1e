/**
 * The cursor codec: where a listing stands, as an opaque string. Cursors are versioned, base64url
 * JSON with a MAC over the listing (the scope) they belong to, so a malformed, tampered or foreign
 * cursor is refused as BAD_USER_INPUT before any upstream call. Only the exact text the codec wrote
 * is accepted (contract, "Cursors (addendum)"): the payload must be the codec's own spelling of the
 * position it holds, and the tag is compared as text, so no other spelling of a cursor passes.
 *
 * Version 2 keys each page once: every edge of a page shares its scope and token, so the page key
 * is HMAC-SHA256(secret, scope, token), and an edge's tag is SHA-256(page key, skip) cut to 96 bits
 * (a prefix MAC under a secret key; the cut leaves nothing to extend). One HMAC per page and one
 * short hash per edge, where version 1 ran a whole HMAC per edge (a tenth of the gateway's CPU on a
 * page of 1,000). Version 1 cursors, signed with the same secret, are still read, so a walk begun
 * before an upgrade goes on. A leaf of the data layer: one codec per process (server.ts).
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../../errors';

const CURSOR_VERSION = 2;
/** Page keys kept: a page's edges are encoded together, so a few cover concurrent requests. */
const PAGE_KEYS = 256;

/** Where a listing stands: fetch with `token` (null: the start) and skip `skip` items. */
export interface Position {
  token: string | null;
  skip: number;
}

export interface CursorCodec {
  encode(scope: string, position: Position): string;
  /** Throws BAD_USER_INPUT unless the cursor was made by this codec for this scope. */
  decode(scope: string, cursor: string): Position;
}

const payloadText = (version: number, position: Position): string =>
  JSON.stringify({ v: version, t: position.token, s: position.skip });

function parsePayload(payload: string): Position & { v: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('Malformed cursor');
  }
  const { v, t, s } = (parsed ?? {}) as { v?: unknown; t?: unknown; s?: unknown };
  const validToken = t === null || (typeof t === 'string' && t.length > 0);
  if (!validToken || !Number.isInteger(s) || (s as number) < 0) throw badUserInput('Unsupported cursor version');
  return { v, token: t as string | null, skip: s as number };
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createCursorCodec(secret: string): CursorCodec {
  const pageKeys = new Map<string, string>();
  /** Hex of HMAC(secret, scope \0 token \0); the token's absence spelled apart from any token. */
  const pageKey = (scope: string, token: string | null): string => {
    const id = `${scope}\0${token === null ? '\u0001' : `t${token}`}`;
    let key = pageKeys.get(id);
    if (key === undefined) {
      key = createHmac('sha256', secret).update(id).update('\0').digest('hex');
      if (pageKeys.size >= PAGE_KEYS) pageKeys.delete(pageKeys.keys().next().value as string);
      pageKeys.set(id, key);
    }
    return key;
  };
  const tag = (scope: string, position: Position): string =>
    hash('sha256', `${pageKey(scope, position.token)}:${position.skip}`, 'base64url').slice(0, 16);
  // Version 1: the whole payload's text under one HMAC.
  const tagV1 = (scope: string, payload: string): string =>
    createHmac('sha256', secret)
      .update(scope)
      .update('\0')
      .update(payload)
      .digest()
      .subarray(0, 12)
      .toString('base64url');

  return {
    encode(scope, position) {
      const payload = Buffer.from(payloadText(CURSOR_VERSION, position)).toString('base64url');
      return `${payload}.${tag(scope, position)}`;
    },
    decode(scope, cursor) {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw badUserInput('Malformed cursor');
      const position = parsePayload(payload);
      if (position.v !== CURSOR_VERSION && position.v !== 1) throw badUserInput('Unsupported cursor version');
      const expected =
        position.v === 1 ? tagV1(scope, payload) : tag(scope, { token: position.token, skip: position.skip });
      // The codec's own spelling of what it read: any other text for the same position is refused,
      // as is a tag that is not this scope's.
      const written = Buffer.from(payloadText(position.v, position)).toString('base64url');
      if (!sameText(signature, expected) || payload !== written) {
        throw badUserInput('Cursor is not valid for this listing');
      }
      return { token: position.token, skip: position.skip };
    },
  };
}
