/**
 * A page cut out of a whole listing, ordered and filtered (data/listings): what `images(orderBy:,
 * filter:)` and `imageTags(orderBy:, filter:)` answer. Its cursors name the listing's version and
 * an offset. While the cached listing lives, or after a re-fetch that finds it unchanged, they
 * resume exactly; once it has changed, they are refused as expired, rather than skip or repeat an
 * item. Every check comes before any upstream call.
 */
import { badUserInput } from '../../errors';
import type { WholeListing } from '../listings/whole-listing';
import type { CursorCodec } from './cursors';
import { type Connection, checkFirst } from './forward-page';

export interface ListedPageRequest<T> {
  /** The listing the page is cut from, fetched only when the page is not empty. */
  listing(): Promise<WholeListing<T>>;
  /** Names the listing, as forwardPage's scope does; the arrangement is added to it. */
  scope: string;
  first: number | null | undefined;
  after: string | null | undefined;
  /** Names the order and filter: the view's key, and part of the cursors' scope. */
  key: string;
  /** The listing ordered and filtered. */
  arrange(items: readonly T[]): T[];
  /** What the listing holds, plural, for the expired-cursor message. @default 'images' */
  noun?: string;
  codec: CursorCodec;
}

export async function listedPage<T>(request: ListedPageRequest<T>): Promise<Connection<T>> {
  const { key, codec } = request;
  const first = checkFirst(request.first);
  const scope = `${request.scope}?${key}`;
  const after = request.after ? codec.decode(scope, request.after) : undefined;
  const start = after?.skip ?? 0;
  let nodes: T[] = [];
  let hasNextPage = false;
  let version = '';
  if (first > 0) {
    const listing = await request.listing();
    if (after && after.token !== listing.version) {
      throw badUserInput(
        `This cursor has expired: the repository's ${request.noun ?? 'images'} changed since it was made. ` +
          'Start again without `after`.',
      );
    }
    const view = listing.view(key, request.arrange);
    nodes = view.slice(start, start + first);
    hasNextPage = start + nodes.length < view.length;
    version = listing.version;
  }
  const edges = nodes.map((node, index) => ({
    node,
    cursor: codec.encode(scope, { token: version, skip: start + index + 1 }),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
