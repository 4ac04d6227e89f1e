/**
 * A page cut out of a whole listing, ordered and filtered (data/listings): what `images(orderBy:,
 * filter:)` answers. Its cursors name the listing's version and an offset. While the cached listing
 * lives, or after a re-fetch that finds it unchanged, they resume exactly; once it has changed,
 * they are refused as expired, rather than skip or repeat an image. Every check comes before any
 * upstream call.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { badUserInput } from '../../errors';
import { arrangeImages, arrangementKey, type ImageFilterValue, type ImageOrderValue } from '../listings/arrange';
import type { ImageListing } from '../listings/image-listing';
import type { CursorCodec } from './cursors';
import { type Connection, checkFirst } from './forward-page';

export interface ListedPageRequest {
  /** The listing the page is cut from, fetched only when the page is not empty. */
  listing(): Promise<ImageListing>;
  /** Names the listing, as forwardPage's scope does; the arrangement is added to it. */
  scope: string;
  first: number | null | undefined;
  after: string | null | undefined;
  order: ImageOrderValue | undefined;
  filter: ImageFilterValue | undefined;
  codec: CursorCodec;
}

export async function listedPage(request: ListedPageRequest): Promise<Connection<ImageDetail>> {
  const { order, filter, codec } = request;
  const first = checkFirst(request.first);
  const key = arrangementKey(order, filter);
  const scope = `${request.scope}?${key}`;
  const after = request.after ? codec.decode(scope, request.after) : undefined;
  const start = after?.skip ?? 0;
  let nodes: ImageDetail[] = [];
  let hasNextPage = false;
  let version = '';
  if (first > 0) {
    const listing = await request.listing();
    if (after && after.token !== listing.version) {
      throw badUserInput(
        "This cursor has expired: the repository's images changed since it was made. Start again without `after`.",
      );
    }
    const view = listing.view(key, (images) => arrangeImages(images, order, filter));
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
