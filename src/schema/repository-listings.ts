/**
 * A repository's listings: `Repository.images`, `latestImage` and `imageTags`.
 *
 * Without `orderBy` or `filter`, `images` pages ECR Public's own listing: one DescribeImages call per
 * page. With them it needs the whole listing, fetched in pages of 1000, cached and capped by
 * IMAGE_LISTING_CAP: a page is then a slice of the ordered, filtered listing whose cursors expire
 * when the listing changes (data/paging/listed-page.ts). `imageTags` pages DescribeImageTags the same
 * way, and `latestVersion` reads the whole tag listing that `imageTags(orderBy:, filter:)` shares.
 */
import { listingCost, listingPageCost } from '../cost';
import { checkTagFilter, type TagFilterValue } from '../data/listings/tag-versions';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../data/paging/forward-page';
import { builder } from './builder';
import { ImageConnection } from './image';
import { ImageFilter, ImageOrder } from './image-order';
import { ImageTagConnection } from './image-tag';
import { ImageTagType, ImageType, RepositoryType } from './refs';
import { repositoryKeyOf } from './support/fields';
import { afterArg, firstArg } from './support/page-args';
import { ImageTagFilter, ImageTagOrder } from './tag-versions';

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
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, description: firstArg('images') }),
      after: t.arg.string({
        description: `${afterArg} With \`orderBy\` or \`filter\`, a cursor expires when the images change.`,
      }),
      orderBy: t.arg({
        type: ImageOrder,
        description: 'Order the images, e.g. newest first. Default: as ECR Public lists them.',
      }),
      filter: t.arg({ type: ImageFilter, description: 'Keep only some images, e.g. untagged ones.' }),
    },
    resolve: (repo, args, ctx) => ctx.data.images(repositoryKeyOf(repo), args),
  }),
  latestImage: t.field({
    type: ImageType,
    nullable: true,
    extensions: listingCost,
    description:
      'The most recently pushed image; null for an empty repository. ECR Public cannot sort, so this reads the ' +
      'whole listing, as `images(orderBy: { field: PUSHED_AT, direction: DESC }, first: 1)` does, and shares it.',
    resolve: (repo, _args, ctx) => ctx.data.latestImage(repositoryKeyOf(repo)),
  }),
  imageTags: t.field({
    type: ImageTagConnection,
    // A malformed range is refused with the estimate, before the repository's lookup.
    extensions: listingPageCost(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ['orderBy', 'filter'], (args) =>
      checkTagFilter(args.filter as TagFilterValue | null | undefined),
    ),
    description:
      "The repository's tags with the image each points at, a page at a time. Without `orderBy` and `filter`, in " +
      "ECR Public's own order at one call per page. With either, the gateway fetches the whole tag listing (1 call " +
      'per 1000 tags, cached briefly) to order and filter it; past IMAGE_LISTING_CAP tags, `BAD_USER_INPUT`. ' +
      'An untagged image appears in `images` only; an image with three tags appears here three times.',
    args: {
      first: t.arg.int({
        defaultValue: DEFAULT_PAGE_SIZE,
        description: 'How many tags to return: 0 to 1000, default 100.',
      }),
      after: t.arg.string({
        description: `${afterArg} With \`orderBy\` or \`filter\`, a cursor expires when the tags change.`,
      }),
      orderBy: t.arg({
        type: ImageTagOrder,
        description: 'Order the tags, e.g. highest version first. Default: as ECR Public lists them.',
      }),
      filter: t.arg({ type: ImageTagFilter, description: 'Keep only some tags, e.g. versions in a semver range.' }),
    },
    resolve: (repo, args, ctx) => ctx.data.imageTags(repositoryKeyOf(repo), args),
  }),
  latestVersion: t.field({
    type: ImageTagType,
    nullable: true,
    extensions: listingCost,
    description:
      'The tag of the highest semantic version (semver.org precedence); null if no tag is one. ECR Public cannot ' +
      'sort, so this reads the whole tag listing, shared with `imageTags(orderBy:, filter:)`.',
    args: {
      prefix: t.arg.string({
        description:
          'Only tags that start with this text, each read as a version after removing it: `api-` finds ' +
          '`api-1.2.3`, `v` finds `v2.1.0`.',
      }),
      includePrerelease: t.arg.boolean({
        defaultValue: false,
        description: 'Whether prereleases such as `2.0.0-rc.1` count. Default: only releases.',
      }),
    },
    resolve: (repo, args, ctx) =>
      ctx.data.latestVersion(repositoryKeyOf(repo), args.prefix ?? '', args.includePrerelease ?? false),
  }),
}));
