/**
 * Forward pagination over AWS's `maxResults`/`nextToken`, with a cursor on every edge.
 *
 * AWS hands out one token per page; a Relay client may resume after any edge. So each edge's
 * cursor records where the listing stands right after it: the token its page was fetched with
 * and how many items of that page lie behind it, or, for the last edge of a page that has a
 * successor, that page's nextToken with nothing to skip. Resuming from an `endCursor` is then one
 * call with `maxResults: first`; resuming mid-page asks for `skip + first` and drops `skip`.
 * Cursors (cursors.ts) are signed over the listing they belong to, so a malformed, tampered or
 * foreign cursor is refused before any upstream call.
 */
import { badUserInput } from '../../errors';
import { constraintsOf } from '../../model/constraints';
import type { CursorCodec, Position } from './cursors';

const pageRange = constraintsOf('MaxResults').range ?? {};
/** DescribeImages' own page limits, from the API model: 1 to 1000. */
export const MAX_PAGE_SIZE = pageRange.max ?? 1000;
/** AWS's default page size, which `first` defaults to. */
export const DEFAULT_PAGE_SIZE = 100;
/** Upper bound of upstream calls to fill one page when AWS returns short pages. */
const MAX_FETCHES_PER_PAGE = 20;

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
