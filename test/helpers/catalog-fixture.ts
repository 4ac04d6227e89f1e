/**
 * Fixtures for the catalog and ordering tests: the shared test fixture plus Gallery data, resource
 * tags and a repository whose images tie on push date and size; and a registry of many
 * repositories with catalog data, for counting what a gallery listing costs.
 */
import type { Fixture, FixtureImage } from '../../src/emulator/fixture-types';
import { digestOf, images, testFixture } from './fixture';

export const APP_CATALOG = {
  description: 'The storefront app',
  architectures: ['x86-64', 'ARM 64'],
  operatingSystems: ['Linux'],
  logoUrl: 'https://example.com/logo.png',
  aboutText: '# App',
  usageText: 'docker pull it',
  marketplaceCertified: true,
};

const image = (seed: string, fields: Omit<FixtureImage, 'imageDigest'>): FixtureImage => ({
  imageDigest: digestOf(seed),
  ...fields,
});

/** Ties on purpose: #a and #b share a push time, #b and #c a size; #d has neither. */
export const MIXED: FixtureImage[] = [
  image('mixed#a', { imageTags: ['1.4.2', 'latest'], imageSizeInBytes: 300, imagePushedAt: '2024-06-01T00:00:00Z' }),
  image('mixed#b', { imageTags: ['1.40'], imageSizeInBytes: 200, imagePushedAt: '2024-06-01T00:00:00Z' }),
  image('mixed#c', { imageSizeInBytes: 200, imagePushedAt: '2024-05-01T00:00:00Z' }),
  image('mixed#d', { imageTags: ['Beta-1'] }),
  image('mixed#e', { imageTags: ['1.3'], imageSizeInBytes: 100, imagePushedAt: '2024-07-01T00:00:00Z' }),
];

/** testFixture() with Gallery data on the caller's registry and three more repositories. */
export function catalogFixture(): Fixture {
  const fixture = testFixture();
  const [own] = fixture.registries;
  if (!own) throw new Error('testFixture has no registry');
  own.verified = true;
  own.catalogData = { displayName: 'Test Co' };
  own.repositories.push(
    {
      repositoryName: 'gallery/app',
      catalogData: APP_CATALOG,
      tags: [
        { Key: 'team', Value: 'web' },
        { Key: 'env', Value: '' },
      ],
      images: images('gallery/app', 3),
    },
    { repositoryName: 'gallery/blank', catalogData: {}, images: [] },
    { repositoryName: 'mixed/order', images: MIXED },
  );
  return fixture;
}

/** One registry of `count` repositories `repo-<i>`, each with catalog data and three images. */
export function galleryFixture(count: number): Fixture {
  return {
    registries: [
      {
        registryId: '777788889999',
        aliases: [{ name: 'gallery', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        repositories: Array.from({ length: count }, (_, i) => ({
          repositoryName: `repo-${i}`,
          catalogData: { description: `Repository ${i}`, architectures: ['x86-64'], logoUrl: `https://x/${i}.png` },
          images: images(`repo-${i}`, 3),
        })),
      },
    ],
  };
}
