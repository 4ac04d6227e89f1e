/**
 * An image's built content, once per content: what validation checks the given `imageDigest`
 * against and what the store derives a missing `imageDigest`, `imageSizeInBytes` and
 * `artifactMediaType` from. Cached by the content object, and by its JSON (bounded), so a fresh
 * copy of the same catalog (the demo's, a pushed image) is not built twice in a process.
 */
import type { FixtureImage } from '../fixture-types';
import { type BuiltContent, buildContent, type ImageContent } from './content';

const byObject = new WeakMap<object, BuiltContent>();
const byJson = new Map<string, BuiltContent>();
/** About the demo catalog twice over; the oldest entry goes first. */
const JSON_ENTRIES = 8_000;

/** The content's seed: its JSON, so equal content builds equal bytes wherever it stands. */
export function builtContentOf(image: FixtureImage): BuiltContent | undefined {
  const content = image.content as ImageContent | undefined;
  if (!content) return undefined;
  let b = byObject.get(content);
  if (b) return b;
  const seed = JSON.stringify(content);
  b = byJson.get(seed);
  if (!b) {
    b = buildContent(content, seed);
    if (byJson.size >= JSON_ENTRIES) byJson.delete(byJson.keys().next().value as string);
    byJson.set(seed, b);
  }
  byObject.set(content, b);
  return b;
}

/** The digest DescribeImages reports: the given one, else the top manifest's. */
export function imageDigestOf(image: FixtureImage): string {
  return image.imageDigest ?? (builtContentOf(image) as BuiltContent).top.digest;
}
