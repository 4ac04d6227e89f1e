/**
 * The benchmark's catalog and the queries each scenario sends: one registry, one repository per
 * scenario (so one scenario's caches never warm another's), built in code and written to a temp
 * file that the emulator loads, as ECR_PUBLIC_FIXTURE would be.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSyntheticRepository, type Fixture } from '../../src/emulator';

export const REGISTRY_ID = '123456789012';

export const REPOS = {
  page: 'bench/page',
  lookups: 'bench/lookups',
  crowd: 'bench/crowd',
  walk: 'bench/walk',
  /** Walked once, untimed, by every target first: the emulator and servers warm up on it. */
  walkWarmup: 'bench/walk-warmup',
} as const;

export const PAGE_SIZE = 100;
export const LOOKUPS = 50;
export const WALK_IMAGES = 10_000;
export const WALK_PAGE = 1000;

export interface BenchFixture {
  fixture: Fixture;
  /** Where the fixture was written. */
  file: string;
  /** Fifty distinct tags of `bench/lookups`, each on a different image. */
  lookupTags: string[];
}

export function writeBenchFixture(): BenchFixture {
  const lookups = createSyntheticRepository(REPOS.lookups, 200);
  const fixture: Fixture = {
    registries: [
      {
        registryId: REGISTRY_ID,
        aliases: [{ name: 'bench', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        repositories: [
          createSyntheticRepository(REPOS.page, 1000),
          lookups,
          createSyntheticRepository(REPOS.crowd, 1000),
          createSyntheticRepository(REPOS.walk, WALK_IMAGES),
          createSyntheticRepository(REPOS.walkWarmup, 3 * WALK_PAGE),
        ],
      },
    ],
  };
  const lookupTags = (lookups.images ?? [])
    .map((image) => image.imageTags?.[0])
    .filter((tag): tag is string => tag !== undefined)
    .slice(0, LOOKUPS);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecr-bench-')), 'fixture.json');
  writeFileSync(file, JSON.stringify(fixture));
  return { fixture, file, lookupTags };
}

/** The six image fields the STACK-NOTES baseline measured (100 items x 6 fields). */
export const IMAGE_FIELDS =
  'imageDigest imageTags imageSizeInBytes imagePushedAt imageManifestMediaType artifactMediaType';

export function pageQuery(repositoryName: string, first: number): string {
  return `query Page($after: String) { repository(name: "${repositoryName}") { images(first: ${first}, after: $after) { edges { cursor node { ${IMAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;
}

export function lookupsQuery(repositoryName: string, tags: string[]): string {
  const fields = tags.map((tag, i) => `l${i}: image(tag: "${tag}") { ${IMAGE_FIELDS} }`).join(' ');
  return `query Lookups { repository(name: "${repositoryName}") { ${fields} } }`;
}
