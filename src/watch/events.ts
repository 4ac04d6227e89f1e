/**
 * A RepositoryChange as subscribers receive it (CONTRACT.md "What's new"): a change found by
 * changes.ts, with the repository it happened in, when the watcher found it and the image concerned
 * as the listing described it (null once removed). The JSON codec carries events between replicas
 * (REDIS_URL), dates included.
 */
import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { type Change, matchesPrefix } from './changes';

/** One watched repository; `registryId` '' is the caller's own registry. */
export interface WatchKey {
  registryId: string;
  repositoryName: string;
}

export interface ChangeEvent extends Change {
  registryId: string;
  repositoryName: string;
  detectedAt: Date;
  image: ImageDetail | null;
}

export const watchKeyId = (key: WatchKey): string => `${key.registryId}/${key.repositoryName}`;

/** The events of `changes`, each with its image from `images` (the listing the change was found in). */
export function eventsOf(
  key: WatchKey,
  changes: readonly Change[],
  images: ReadonlyMap<string, ImageDetail>,
  detectedAt = new Date(),
): ChangeEvent[] {
  return changes.map((change) => ({
    ...change,
    registryId: key.registryId,
    repositoryName: key.repositoryName,
    detectedAt,
    image: change.kind === 'IMAGE_REMOVED' ? null : (images.get(change.imageDigest) ?? null),
  }));
}

export const eventMatches = (event: ChangeEvent, tagPrefix: string | undefined): boolean =>
  matchesPrefix(event, tagPrefix);

export function encodeEvents(events: readonly ChangeEvent[]): string {
  return JSON.stringify(events);
}

/** The events of a message from another replica; anything malformed is dropped, never thrown. */
export function decodeEvents(text: string): ChangeEvent[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && typeof e.kind === 'string')
    .map((e) => {
      const image = e.image as (ImageDetail & { imagePushedAt?: string | Date }) | null;
      return {
        ...(e as unknown as ChangeEvent),
        detectedAt: new Date(e.detectedAt as string),
        image: image
          ? { ...image, ...(image.imagePushedAt ? { imagePushedAt: new Date(image.imagePushedAt) } : {}) }
          : null,
      };
    });
}
