/**
 * The cursor codec: where a listing stands, as an opaque string. Cursors are versioned, base64url
 * JSON, signed with an HMAC over the listing (the scope) they belong to, so a malformed, tampered
 * or foreign cursor is refused as BAD_USER_INPUT before any upstream call. Only the exact text the
 * codec wrote is accepted (contract, "Cursors (addendum)"): the HMAC covers the payload's text and
 * the signature is compared as text, so no other spelling of a cursor passes. A leaf of the data
 * layer: one codec per process (server.ts), handed to each request's data source.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../../errors';

const CURSOR_VERSION = 1;

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

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (scope: string, payload: string): Buffer =>
    createHmac('sha256', secret).update(scope).update('\0').update(payload).digest().subarray(0, 12);
  return {
    encode(scope, position) {
      const payload = Buffer.from(JSON.stringify({ v: CURSOR_VERSION, t: position.token, s: position.skip })).toString(
        'base64url',
      );
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },
    decode(scope, cursor) {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw badUserInput('Malformed cursor');
      // The signature's text, not its decoded bytes: a lenient base64url decoder ignores a tail
      // and the padding bits, so comparing bytes would accept other spellings of the same cursor.
      const given = Buffer.from(signature, 'utf8');
      const expected = Buffer.from(sign(scope, payload).toString('base64url'), 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw badUserInput('Cursor is not valid for this listing');
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw badUserInput('Malformed cursor');
      }
      const { v, t, s } = (parsed ?? {}) as { v?: unknown; t?: unknown; s?: unknown };
      const validToken = t === null || (typeof t === 'string' && t.length > 0);
      if (v !== CURSOR_VERSION || !validToken || !Number.isInteger(s) || (s as number) < 0) {
        throw badUserInput('Unsupported cursor version');
      }
      return { token: t as string | null, skip: s as number };
    },
  };
}
