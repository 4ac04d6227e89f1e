/**
 * Whole image listings (whole-listing.ts over DescribeImages): what `images(orderBy:, filter:)` and
 * `latestImage` cut from. The version hashes each image's digest, tags, push date and size.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { createWholeListings, type WholeListing, type WholeListingOptions, type WholeListings } from './whole-listing';

export type ImageListing = WholeListing<ImageDetail>;
export type ImageListings = WholeListings<ImageDetail>;
export type ImageListingOptions = WholeListingOptions;

export const createImageListings = (options: ImageListingOptions): ImageListings =>
  createWholeListings(
    {
      operation: 'DescribeImages',
      items: (output) => output.imageDetails,
      identity: (image) => [image.imageDigest, image.imageTags, image.imagePushedAt?.getTime(), image.imageSizeInBytes],
      noun: 'images',
    },
    options,
  );
