/**
 * Forward pagination over AWS's `maxResults`/`nextToken`, with a cursor on every edge.
 *
 * AWS hands out one token per page; a Relay client may resume after any edge. So each edge's
 * cursor records where the listing stands right after it: the token its page was fetched with
 * and how many items of that page lie behind it, or, for the last edge of a page that has a
 * successor, that page's nextToken with nothing to skip. Resuming from an `endCursor` is then one
 * call with `maxResults: first`; resuming mid-page asks for `skip + first` and drops `skip`.
 * Cursors are versioned, base64url JSON, signed with an HMAC over the listing they belong to, so a
 * malformed, tampered or foreign cursor is refused before any upstream call.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../aws/errors';
import { constraintsOf } from '../model/constraints';

const pageRange = constraintsOf('MaxResults').range ?? {};
/** DescribeImages' own page limits, from the API model: 1 to 1000. */
export const MAX_PAGE_SIZE = pageRange.max ?? 1000;
/** AWS's default page size, which `first` defaults to. */
export const DEFAULT_PAGE_SIZE = 100;
/** Upper bound of upstream calls to fill one page when AWS returns short pages. */
const MAX_FETCHES_PER_PAGE = 20;
const CURSOR_VERSION = 1;

/** Where a listing stands: fetch with `token` (null: the start) and skip `skip` items. */
export interface Position {
  token: string | null;
  skip: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
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
      const given = Buffer.from(signature, 'base64url');
      const expected = sign(scope, payload);
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

/** `first` as the contract wants it: 0 to 1000, default 100. */
export function checkFirst(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`);
  }
  return first;
}

export interface PageRequest<T> {
  first: number | null | undefined;
  after: string | null | undefined;
  /** Names the listing; a cursor of another listing is refused. */
  scope: string;
  codec: CursorCodec;
  /** One upstream call. */
  fetch(token: string | null, maxResults: number): Promise<{ items: T[]; nextToken: string | null }>;
}

/**
 * An edge whose cursor is signed when first read: most queries read `pageInfo.endCursor` alone,
 * and an HMAC for each of a page's edges was a tenth of a page's CPU (test/bench profile).
 */
class LazyEdge<T> {
  #cursor: string | undefined;
  constructor(
    readonly node: T,
    private readonly codec: CursorCodec,
    private readonly scope: string,
    private readonly position: Position,
  ) {}
  get cursor(): string {
    this.#cursor ??= this.codec.encode(this.scope, this.position);
    return this.#cursor;
  }
}

/** Answers `first`/`after` with as few upstream calls as the cursor allows (see the module's doc). */
export async function forwardPage<T>(request: PageRequest<T>): Promise<Connection<T>> {
  const first = checkFirst(request.first);
  let { token, skip } = request.after
    ? request.codec.decode(request.scope, request.after)
    : ({ token: null, skip: 0 } as Position);
  const edges: Connection<T>['edges'] = [];
  let hasNextPage = false;
  for (let fetches = 0; edges.length < first && fetches < MAX_FETCHES_PER_PAGE; fetches++) {
    const wanted = first - edges.length;
    const page = await request.fetch(token, Math.min(MAX_PAGE_SIZE, skip + wanted));
    const rest = page.items.slice(skip);
    rest.slice(0, wanted).forEach((node, index) => {
      const endsPage = skip + index === page.items.length - 1 && page.nextToken !== null;
      const position = endsPage ? { token: page.nextToken, skip: 0 } : { token, skip: skip + index + 1 };
      edges.push(new LazyEdge(node, request.codec, request.scope, position));
    });
    hasNextPage = page.nextToken !== null || rest.length > wanted;
    if (page.nextToken === null || rest.length >= wanted) break;
    token = page.nextToken;
    skip = 0;
  }
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}
