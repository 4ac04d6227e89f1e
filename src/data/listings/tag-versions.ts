/**
 * Tags read as semantic versions, and the orders and filters of a whole tag listing, as pure
 * functions (contract, "What's new: versions and live changes"). A tag is a version when, with one
 * leading `v` removed, it is valid for npm `semver` strictly (`semver.valid` without `loose`), so
 * `2024.11.15` is one and `1.4` is not. Orders are total: ties, and tags that are no version or
 * lack a creation time (listed last either way), go by tag name in code-unit order.
 */
import type { ImageTagDetail } from '@aws-sdk/client-ecr-public';
import semver from 'semver';
import { badUserInput } from '../../errors';
import { constraintsOf } from '../../model/constraints';

export type TagOrderValue = { field: 'SEMVER' | 'CREATED_AT' | 'NAME'; direction: 'ASC' | 'DESC' };
export type TagFilterValue = { prefix?: string | null | undefined; versions?: string | null | undefined };

const MAX_TAG_LENGTH = constraintsOf('ImageTag').length?.max ?? 300;
/** Longer ranges than this are refused before semver parses them. */
const MAX_RANGE_LENGTH = 1024;

/** The tag as a semantic version, one leading `v` removed; null when it is none. */
export function versionOf(tag: string | undefined): string | null {
  if (!tag) return null;
  const rest = tag.startsWith('v') ? tag.slice(1) : tag;
  // semver.valid itself accepts a leading `v` (and would so take `vv1.0.0`): only digits may follow ours.
  // `version` is the tag's own text (build metadata kept), not semver's normalized form.
  return /^[0-9]/.test(rest) && semver.valid(rest) !== null ? rest : null;
}

/** The filter's conditions, checked; undefined when it sets none (then `imageTags` pages as ECR Public does). */
export function checkTagFilter(filter: TagFilterValue | null | undefined): TagFilterValue | undefined {
  const prefix = filter?.prefix ?? undefined;
  const versions = filter?.versions ?? undefined;
  checkPrefix(prefix);
  if (versions !== undefined && (versions.length > MAX_RANGE_LENGTH || semver.validRange(versions) === null)) {
    throw badUserInput(`versions is no semver range: '${versions.slice(0, 100)}' (e.g. ">=1.4 <2" or "^2.1")`);
  }
  if (prefix === undefined && versions === undefined) return undefined;
  return { prefix, versions };
}

export function checkPrefix(prefix: string | undefined): void {
  if (prefix !== undefined && prefix.length > MAX_TAG_LENGTH) {
    throw badUserInput(`prefix must be at most ${MAX_TAG_LENGTH} characters long, as tags are`);
  }
}

/** Names an order and filter, for views of a listing and the scope of their cursors. */
export function tagArrangementKey(order: TagOrderValue | undefined, filter: TagFilterValue | undefined): string {
  return JSON.stringify([
    'tags',
    order?.field ?? null,
    order?.direction ?? null,
    filter?.prefix ?? null,
    filter?.versions ?? null,
  ]);
}

const byName = (a: ImageTagDetail, b: ImageTagDetail): number => {
  const [x, y] = [a.imageTag ?? '', b.imageTag ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Compares present values with `sign`, puts absent ones last, and breaks ties by name. */
function lastWhenAbsent<V>(value: (tag: ImageTagDetail) => V | null | undefined, compare: (x: V, y: V) => number) {
  return (sign: number) => (a: ImageTagDetail, b: ImageTagDetail) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || x === undefined || y === null || y === undefined) {
      if ((x ?? null) === (y ?? null)) return byName(a, b);
      return x === null || x === undefined ? 1 : -1;
    }
    return sign * compare(x, y) || byName(a, b);
  };
}

const ORDERS = {
  SEMVER: lastWhenAbsent((tag) => versionOf(tag.imageTag), semver.compare),
  CREATED_AT: lastWhenAbsent(
    (tag) => tag.createdAt?.getTime(),
    (x: number, y: number) => x - y,
  ),
  NAME: (sign: number) => (a: ImageTagDetail, b: ImageTagDetail) => sign * byName(a, b),
};

export const compareTags = (order: TagOrderValue) => ORDERS[order.field](order.direction === 'ASC' ? 1 : -1);

export function matchesTagFilter(filter: TagFilterValue): (tag: ImageTagDetail) => boolean {
  const { prefix, versions } = filter;
  return (tag) => {
    const name = tag.imageTag ?? '';
    if (prefix !== undefined && prefix !== null && !name.startsWith(prefix)) return false;
    if (versions === undefined || versions === null) return true;
    const version = versionOf(name);
    return version !== null && semver.satisfies(version, versions);
  };
}

/** The listing filtered, then ordered; ECR Public's own order where no order is given. */
export function arrangeTags(
  tags: readonly ImageTagDetail[],
  order: TagOrderValue | undefined,
  filter: TagFilterValue | undefined,
): ImageTagDetail[] {
  const kept = filter ? tags.filter(matchesTagFilter(filter)) : [...tags];
  return order ? kept.sort(compareTags(order)) : kept;
}

/**
 * The tag of the highest version among those starting with `prefix`, each read as a version after
 * the prefix; prereleases only when asked. Equal versions (`1.0.0`, `1.0.0+b`) go by tag name.
 */
export function highestVersion(
  tags: readonly ImageTagDetail[],
  prefix: string,
  includePrerelease: boolean,
): ImageTagDetail | undefined {
  let best: { tag: ImageTagDetail; version: string } | undefined;
  for (const tag of tags) {
    const name = tag.imageTag ?? '';
    if (!name.startsWith(prefix)) continue;
    const version = versionOf(name.slice(prefix.length));
    if (version === null || (!includePrerelease && semver.prerelease(version) !== null)) continue;
    const order = best ? semver.compare(version, best.version) || byName(best.tag, tag) : 1;
    if (order > 0) best = { tag, version };
  }
  return best?.tag;
}
