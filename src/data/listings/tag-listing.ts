/**
 * Whole tag listings (whole-listing.ts over DescribeImageTags): what `imageTags(orderBy:, filter:)`
 * and `latestVersion` cut from, under the same IMAGE_LISTING_CAP (counted in tags) and TTL as
 * image listings. The version hashes each tag, its creation time and its image's digest.
 */
import type { ImageTagDetail } from '@aws-sdk/client-ecr-public';
import { createWholeListings, type WholeListing, type WholeListingOptions, type WholeListings } from './whole-listing';

export type TagListing = WholeListing<ImageTagDetail>;
export type TagListings = WholeListings<ImageTagDetail>;

export const createTagListings = (options: WholeListingOptions): TagListings =>
  createWholeListings(
    {
      operation: 'DescribeImageTags',
      items: (output) => output.imageTagDetails,
      identity: (tag) => [tag.imageTag, tag.createdAt?.getTime(), tag.imageDetail?.imageDigest],
      noun: 'tags',
    },
    options,
  );
