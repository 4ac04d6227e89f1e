/**
 * `Repository.images` and `Repository.latestImage`.
 *
 * Without `orderBy` or `filter`, `images` pages ECR Public's own listing: one DescribeImages call per
 * page (pagination.ts). With them it needs the whole listing, fetched in pages of 1000, cached and
 * capped by IMAGE_LISTING_CAP (aws/image-listing.ts): a page is then a slice of the ordered,
 * filtered listing, and its cursors name the listing's version and an offset. While the cached
 * listing lives, or after a re-fetch that finds it unchanged, they resume exactly; once it has
 * changed, they are refused as expired, rather than skip or repeat an image.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { badUserInput } from '../aws/errors';
import type { GatewayContext } from '../context';
import { builder } from './builder';
import { listingCost, listingPageCost } from './cost';
import { ImageConnection, ImageType, required } from './image';
import {
  arrangeImages,
  arrangementKey,
  checkImageFilter,
  ImageFilter,
  type ImageFilterValue,
  ImageOrder,
  type ImageOrderValue,
} from './image-order';
import { type Connection, checkFirst, DEFAULT_PAGE_SIZE, forwardPage, MAX_PAGE_SIZE } from './pagination';
import { afterArg, firstArg, RepositoryType } from './repository';

interface ListedPageRequest {
  registryId: string;
  repositoryName: string;
  first: number | null | undefined;
  after: string | null | undefined;
  order: ImageOrderValue | undefined;
  filter: ImageFilterValue | undefined;
}

/** A page of the whole listing, ordered and filtered; every check comes before any upstream call. */
async function listedPage(request: ListedPageRequest, ctx: GatewayContext): Promise<Connection<ImageDetail>> {
  const { registryId, repositoryName, order, filter } = request;
  const first = checkFirst(request.first);
  const key = arrangementKey(order, filter);
  const scope = `images:${registryId}/${repositoryName}?${key}`;
  const after = request.after ? ctx.cursors.decode(scope, request.after) : undefined;
  let nodes: ImageDetail[] = [];
  let hasNextPage = false;
  let version = '';
  if (first > 0) {
    const listing = await ctx.listings.get(registryId, repositoryName, ctx.stats);
    if (after && after.token !== listing.version) {
      throw badUserInput(
        "This cursor has expired: the repository's images changed since it was made. Start again without `after`.",
      );
    }
    const view = listing.view(key, (images) => arrangeImages(images, order, filter));
    const start = after?.skip ?? 0;
    nodes = view.slice(start, start + first);
    hasNextPage = start + nodes.length < view.length;
    version = listing.version;
    ctx.loaders.primeImages(nodes);
  }
  const start = after?.skip ?? 0;
  const edges = nodes.map((node, index) => ({
    node,
    cursor: ctx.cursors.encode(scope, { token: version, skip: start + index + 1 }),
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

const NEWEST_FIRST: ImageOrderValue = { field: 'PUSHED_AT', direction: 'DESC' };

builder.objectFields(RepositoryType, (t) => ({
  images: t.field({
    type: ImageConnection,
    extensions: listingPageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ['orderBy', 'filter']),
    description:
      "The repository's images, a page at a time. Every edge's `cursor` resumes the listing right after that " +
      "edge. Without `orderBy` and `filter`, in ECR Public's own order at one call per page. With either, the " +
      'gateway fetches the whole listing (1 call per 1000 images, cached briefly) to order and filter it; ' +
      'repositories past its cap (IMAGE_LISTING_CAP) are refused with `BAD_USER_INPUT`.',
    args: {
      first: t.arg.int({ description: firstArg('images') }),
      after: t.arg.string({
        description: `${afterArg} With \`orderBy\` or \`filter\`, a cursor expires when the images change.`,
      }),
      orderBy: t.arg({
        type: ImageOrder,
        description: 'Order the images, e.g. newest first. Default: as ECR Public lists them.',
      }),
      filter: t.arg({ type: ImageFilter, description: 'Keep only some images, e.g. untagged ones.' }),
    },
    resolve: (repo, args, ctx) => {
      const registryId = required(repo.registryId, 'registryId');
      const repositoryName = required(repo.repositoryName, 'repositoryName');
      const order = args.orderBy ?? undefined;
      const filter = checkImageFilter(args.filter);
      if (order || filter) {
        return listedPage({ registryId, repositoryName, first: args.first, after: args.after, order, filter }, ctx);
      }
      return forwardPage({
        first: args.first,
        after: args.after,
        scope: `images:${registryId}/${repositoryName}`,
        codec: ctx.cursors,
        fetch: async (token, maxResults) => {
          const page = await ctx.upstream.send(
            'DescribeImages',
            { registryId, repositoryName, maxResults, ...(token ? { nextToken: token } : {}) },
            ctx.stats,
          );
          const items = page.imageDetails ?? [];
          ctx.loaders.primeImages(items);
          return { items, nextToken: page.nextToken ?? null };
        },
      });
    },
  }),
  latestImage: t.field({
    type: ImageType,
    nullable: true,
    extensions: listingCost,
    description:
      'The most recently pushed image; null for an empty repository. ECR Public cannot sort, so this reads the ' +
      'whole listing, as `images(orderBy: { field: PUSHED_AT, direction: DESC }, first: 1)` does, and shares it.',
    resolve: async (repo, _args, ctx) => {
      const listing = await ctx.listings.get(
        required(repo.registryId, 'registryId'),
        required(repo.repositoryName, 'repositoryName'),
        ctx.stats,
      );
      const [newest] = listing.view(arrangementKey(NEWEST_FIRST, undefined), (images) =>
        arrangeImages(images, NEWEST_FIRST, undefined),
      );
      if (newest) ctx.loaders.primeImages([newest]);
      return newest ?? null;
    },
  }),
}));
