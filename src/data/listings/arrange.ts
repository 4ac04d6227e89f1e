/**
 * Orders and filters of a whole image listing, as pure functions: what `Repository.images(orderBy:,
 * filter:)` and `latestImage` need and ECR Public cannot do itself. Orders are total: ties, and
 * images lacking the ordered value (listed last either way), go by digest.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { badUserInput } from '../../errors';
import { constraintsOf } from '../../model/constraints';

export type ImageOrderValue = { field: 'PUSHED_AT' | 'SIZE'; direction: 'ASC' | 'DESC' };
export type ImageFilterValue = { tagged?: boolean | null | undefined; tagPrefix?: string | null | undefined };

const MAX_TAG_LENGTH = constraintsOf('ImageTag').length?.max ?? 300;

/** The filter's conditions, checked; undefined when it sets none (then `images` pages as ECR Public does). */
export function checkImageFilter(filter: ImageFilterValue | null | undefined): ImageFilterValue | undefined {
  const tagged = filter?.tagged ?? undefined;
  const tagPrefix = filter?.tagPrefix ?? undefined;
  if (tagPrefix !== undefined && tagPrefix.length > MAX_TAG_LENGTH) {
    throw badUserInput(`tagPrefix must be at most ${MAX_TAG_LENGTH} characters long, as tags are`);
  }
  if (tagged === undefined && tagPrefix === undefined) return undefined;
  return { tagged, tagPrefix };
}

/** Names an order and filter, for views of a listing and the scope of their cursors. */
export function arrangementKey(order: ImageOrderValue | undefined, filter: ImageFilterValue | undefined): string {
  return JSON.stringify([
    order?.field ?? null,
    order?.direction ?? null,
    filter?.tagged ?? null,
    filter?.tagPrefix ?? null,
  ]);
}

function orderedValue(image: ImageDetail, field: ImageOrderValue['field']): number | undefined {
  return field === 'PUSHED_AT' ? image.imagePushedAt?.getTime() : image.imageSizeInBytes;
}

const byDigest = (a: ImageDetail, b: ImageDetail): number => {
  const [x, y] = [a.imageDigest ?? '', b.imageDigest ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
};

export function compareImages(order: ImageOrderValue): (a: ImageDetail, b: ImageDetail) => number {
  const sign = order.direction === 'ASC' ? 1 : -1;
  return (a, b) => {
    const [x, y] = [orderedValue(a, order.field), orderedValue(b, order.field)];
    if (x === undefined || y === undefined) return x === y ? byDigest(a, b) : x === undefined ? 1 : -1;
    return x === y ? byDigest(a, b) : sign * (x - y);
  };
}

export function matchesFilter(filter: ImageFilterValue): (image: ImageDetail) => boolean {
  return (image) => {
    const tags = image.imageTags ?? [];
    if (filter.tagged === true && tags.length === 0) return false;
    if (filter.tagged === false && tags.length > 0) return false;
    const prefix = filter.tagPrefix;
    return prefix === undefined || prefix === null || tags.some((tag) => tag.startsWith(prefix));
  };
}

/** The listing filtered, then ordered; ECR Public's own order where no order is given. */
export function arrangeImages(
  images: readonly ImageDetail[],
  order: ImageOrderValue | undefined,
  filter: ImageFilterValue | undefined,
): ImageDetail[] {
  const kept = filter ? images.filter(matchesFilter(filter)) : [...images];
  return order ? kept.sort(compareImages(order)) : kept;
}
