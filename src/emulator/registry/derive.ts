/**
 * An image's built content, once per fixture image object: what validation checks the given
 * `imageDigest` against and what the store derives a missing `imageDigest`/`imageSizeInBytes` from.
 */
import type { FixtureImage } from '../fixture-types';
import { type BuiltContent, buildContent, type ImageContent } from './content';

const built = new WeakMap<object, BuiltContent>();

/** The content's seed: its JSON, so equal content builds equal bytes wherever it stands. */
export function builtContentOf(image: FixtureImage): BuiltContent | undefined {
  const content = image.content as ImageContent | undefined;
  if (!content) return undefined;
  let b = built.get(content);
  if (!b) {
    b = buildContent(content, JSON.stringify(content));
    built.set(content, b);
  }
  return b;
}

/** The digest DescribeImages reports: the given one, else the top manifest's. */
export function imageDigestOf(image: FixtureImage): string {
  return image.imageDigest ?? (builtContentOf(image) as BuiltContent).top.digest;
}
