/** A repository whose tags cover every kind of version and non-version, for the versions tests. */
import type { Fixture } from '../../src/emulator/fixture-types';
import { dataOf } from './data';
import { digestOf, testFixture } from './fixture';
import type { GraphQLResponse } from './stack';

/** One image per entry, pushed a minute apart in this order; `1.4` and `latest` share an image. */
const IMAGES: string[][] = [
  ['v2.1.0'],
  ['1.0.0+build.5'],
  ['2024.11.15'],
  ['1.4', 'latest'],
  ['api-3.1.0-beta.1'],
  ['1.10.0'],
  ['vv1.0.0'],
  ['2.0.0-rc.1'],
  ['api-1.2.3'],
  ['1.0.0'],
  ['01.2.3'],
  ['api-3.0.0'],
  ['v1.2.0'],
  ['2.0.0'],
];

/** Created-at order: the images' order, the shared image's tags by name. */
export const BY_CREATED_AT = IMAGES.flat();

/** Semver precedence, equal versions by name, then the non-versions by name. */
export const BY_SEMVER = ['1.0.0', '1.0.0+build.5', 'v1.2.0', '1.10.0', '2.0.0-rc.1', '2.0.0', 'v2.1.0', '2024.11.15'];
export const NOT_VERSIONS = ['01.2.3', '1.4', 'api-1.2.3', 'api-3.0.0', 'api-3.1.0-beta.1', 'latest', 'vv1.0.0'];

export function versionsFixture(): Fixture {
  const fixture = testFixture();
  fixture.registries[0]?.repositories.push({
    repositoryName: 'versions',
    images: IMAGES.map((imageTags, i) => ({
      imageDigest: digestOf(`versions#${i}`),
      imageTags,
      imageSizeInBytes: 1000 + i,
      imagePushedAt: new Date(Date.UTC(2024, 5, 1) + i * 60_000).toISOString(),
    })),
  });
  return fixture;
}

export const TAGS = `query($first: Int, $after: String, $orderBy: ImageTagOrder, $filter: ImageTagFilter) {
  repository(name: "versions") {
    imageTags(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      edges { cursor node { imageTag version createdAt image { imageDigest } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export interface TagsPage {
  edges: { cursor: string; node: { imageTag: string; version: string | null; createdAt: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const tagsOf = (response: GraphQLResponse): TagsPage =>
  dataOf<{ imageTags: TagsPage }>(response, 'repository').imageTags;
export const namesOf = (response: GraphQLResponse): string[] =>
  tagsOf(response).edges.map((edge) => edge.node.imageTag);
