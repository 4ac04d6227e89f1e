/**
 * What changed in a repository between two full listings (the watcher's cheap change detection:
 * successive DescribeImages listings, diffed here), as the contract's RepositoryChange events:
 *
 * - an image in `next` only: one IMAGE_PUSHED (its tags are in the image, no tag events for them);
 * - an image in both (it stays): TAG_ADDED for a tag no image had, TAG_MOVED for a tag another image
 *   had (`previousImageDigest` that one), TAG_REMOVED for a tag it lost that no staying image gained
 *   and no new image carries;
 * - an image in `previous` only: one IMAGE_REMOVED (`previousImageDigest` and `imageDigest` its own).
 *
 * Order, "as found": pushes and gains in `next`'s order, then losses and removals in `previous`'s.
 */
export type RepositoryChangeKind = 'IMAGE_PUSHED' | 'IMAGE_REMOVED' | 'TAG_ADDED' | 'TAG_MOVED' | 'TAG_REMOVED';

export interface ListedImage {
  digest: string;
  tags: readonly string[];
}

export interface Change {
  kind: RepositoryChangeKind;
  tag: string | null;
  imageDigest: string;
  previousImageDigest: string | null;
  /** The tags of the image concerned (for an IMAGE_REMOVED, those it had): what tagPrefix matches. */
  imageTags: readonly string[];
}

function holders(images: readonly ListedImage[]): Map<string, string> {
  const byTag = new Map<string, string>();
  for (const image of images) for (const tag of image.tags) byTag.set(tag, image.digest);
  return byTag;
}

export function diffListings(previous: readonly ListedImage[], next: readonly ListedImage[]): Change[] {
  const before = new Map(previous.map((i) => [i.digest, i]));
  const after = new Map(next.map((i) => [i.digest, i]));
  const heldBefore = holders(previous);
  const heldAfter = holders(next);
  const changes: Change[] = [];
  for (const image of next) {
    const old = before.get(image.digest);
    if (!old) {
      changes.push({
        kind: 'IMAGE_PUSHED',
        tag: null,
        imageDigest: image.digest,
        previousImageDigest: null,
        imageTags: image.tags,
      });
      continue;
    }
    for (const tag of image.tags) {
      const from = heldBefore.get(tag);
      if (from === image.digest) continue;
      changes.push({
        kind: from === undefined ? 'TAG_ADDED' : 'TAG_MOVED',
        tag,
        imageDigest: image.digest,
        previousImageDigest: from ?? null,
        imageTags: image.tags,
      });
    }
  }
  for (const image of previous) {
    const stays = after.get(image.digest);
    if (!stays) {
      changes.push({
        kind: 'IMAGE_REMOVED',
        tag: null,
        imageDigest: image.digest,
        previousImageDigest: image.digest,
        imageTags: image.tags,
      });
      continue;
    }
    for (const tag of image.tags) {
      // Gone from this image and held by no image now: removed. Held elsewhere: that side reported it.
      if (heldAfter.has(tag)) continue;
      changes.push({
        kind: 'TAG_REMOVED',
        tag,
        imageDigest: image.digest,
        previousImageDigest: image.digest,
        imageTags: stays.tags,
      });
    }
  }
  return changes;
}

/** `tagPrefix` keeps changes of tags with that prefix, and image changes of images carrying one. */
export function matchesPrefix(change: Change, tagPrefix: string | null | undefined): boolean {
  if (!tagPrefix) return true;
  if (change.tag !== null) return change.tag.startsWith(tagPrefix);
  return change.imageTags.some((t) => t.startsWith(tagPrefix));
}
