/**
 * Deterministic image series for the demo catalog and for benchmarks: the same name and options give
 * the same digests, tags, sizes and push times on every run.
 */
import { createHash } from 'node:crypto';
import type { FixtureImage, FixtureRepository } from './fixture-types';
import { fnv1a, seededRandom } from './prng';
import type { ImageContent } from './registry/content';
import { imageDigestOf } from './registry/derive';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** The tags of image `i` of `n` (oldest first); `sha` is a short git SHA of that build. */
export type TagScheme = (i: number, n: number, sha: string) => string[];

export interface ImageSeriesOptions {
  /** First push, ISO-8601. @default '2024-01-08T09:00:00Z' */
  firstPush?: string;
  /** Hours between pushes. @default 6 */
  intervalHours?: number;
  /** Compressed size range in bytes. @default [20 MB, 120 MB] */
  sizeBytes?: readonly [number, number];
  /** Share of images that are multi-architecture indexes. @default 0.5 */
  indexShare?: number;
  /** @default releaseTags */
  tags?: TagScheme;
  /**
   * What the registry serves for each image. With it an image carries `content` and leaves its
   * size and media types to it (imageDigest is the built manifest's); without it, none.
   * @default undefined
   */
  content?: ContentShape;
}

/** One image's draws, from which a ContentShape builds its content. */
export interface ImageDraw {
  /** The series' seed, e.g. `acme/web/frontend`. */
  seed: string;
  i: number;
  n: number;
  isIndex: boolean;
  docker: boolean;
  /** The drawn compressed size in bytes. */
  size: number;
  /** ISO-8601. */
  pushedAt: string;
  tags: string[];
  /** The build's short git SHA. */
  sha: string;
}

export type ContentShape = (draw: ImageDraw) => ImageContent;

const sha = (seed: string, i: number) => createHash('sha1').update(`${seed}@${i}`).digest('hex').slice(0, 7);

/** `1.<minor>.<patch>` releases, a `git-<sha>` tag on each, every fifth build untagged, `latest` on the newest. */
export const releaseTags =
  (major = 1): TagScheme =>
  (i, n, gitSha) => {
    const newest = i === n - 1;
    if (i % 5 === 2 && !newest) return [];
    const version = `${major}.${Math.floor(i / 6)}.${i % 6}`;
    return newest ? ['latest', version, `git-${gitSha}`] : [version, `git-${gitSha}`];
  };

/** A CI stream: `git-<sha>` per build, every seventh untagged, a `2.<k>.0` release every 100 builds. */
export const ciTags: TagScheme = (i, n, gitSha) => {
  const newest = i === n - 1;
  if (i % 7 === 3 && !newest) return [];
  const tags = [`git-${gitSha}`];
  if (i % 100 === 99) tags.push(`2.${Math.floor(i / 100)}.0`);
  if (i === n - 101) tags.push('stable');
  if (newest) tags.unshift('latest');
  return tags;
};

/** Base images: each version in each variant, floating major tags and `latest` on the newest of each. */
export const variantTags =
  (versions: readonly string[], variants: readonly string[], latestVariant = ''): TagScheme =>
  (i) => {
    const version = versions[Math.floor(i / variants.length)] ?? '0.0.0';
    const variant = variants[i % variants.length] ?? '';
    const major = version.split('.')[0];
    const newestOfMajor = !versions.some((v, k) => k > Math.floor(i / variants.length) && v.split('.')[0] === major);
    const tags = [`${version}${variant}`];
    if (newestOfMajor) tags.push(`${major}${variant}`);
    if (version === versions.at(-1) && variant === latestVariant) tags.unshift('latest');
    return tags;
  };

export function generateImages(seed: string, count: number, options: ImageSeriesOptions = {}): FixtureImage[] {
  const random = seededRandom(fnv1a(seed));
  const [minSize, maxSize] = options.sizeBytes ?? [20_000_000, 120_000_000];
  const start = Date.parse(options.firstPush ?? '2024-01-08T09:00:00Z');
  const interval = (options.intervalHours ?? 6) * 3_600_000;
  const tagsOf = options.tags ?? releaseTags();
  const images: FixtureImage[] = [];
  for (let i = 0; i < count; i++) {
    const isIndex = random() < (options.indexShare ?? 0.5);
    const docker = random() < 0.35;
    const pushedAt = start + i * interval + Math.floor(random() * interval * 0.5);
    const size = Math.floor(minSize + random() * (maxSize - minSize));
    const imagePushedAt = new Date(pushedAt - (pushedAt % 1000)).toISOString().replace('.000Z', 'Z');
    const tags = tagsOf(i, count, sha(seed, i));
    if (options.content) {
      const draw = { seed, i, n: count, isIndex, docker, size, pushedAt: imagePushedAt, tags, sha: sha(seed, i) };
      const withContent: FixtureImage = { imagePushedAt, content: options.content(draw) };
      if (tags.length) withContent.imageTags = tags;
      images.push({ imageDigest: imageDigestOf(withContent), ...withContent });
      continue;
    }
    const image: FixtureImage = {
      imageDigest: `sha256:${createHash('sha256').update(`${seed}#${i}`).digest('hex')}`,
      imageSizeInBytes: size,
      imagePushedAt,
      imageManifestMediaType: isIndex
        ? docker
          ? MEDIA.dockerList
          : MEDIA.ociIndex
        : docker
          ? MEDIA.dockerManifest
          : MEDIA.ociManifest,
    };
    // An index has no config blob of its own, so ECR reports no artifactMediaType for it.
    if (!isIndex) image.artifactMediaType = docker ? MEDIA.dockerConfig : MEDIA.ociConfig;
    if (tags.length) image.imageTags = tags;
    images.push(image);
  }
  return images;
}

/**
 * A repository with `n` generated images, for benchmarks that need their own fixture:
 * `{ registries: [{ registryId, repositories: [createSyntheticRepository('bench/big', 10_000)] }] }`.
 */
export function createSyntheticRepository(
  name: string,
  n: number,
  options: ImageSeriesOptions = {},
): FixtureRepository {
  return {
    repositoryName: name,
    createdAt: options.firstPush ?? '2024-01-08T09:00:00Z',
    images: generateImages(name, n, { intervalHours: 1, tags: ciTags, ...options }),
  };
}
