/** Small deterministic fixtures for the gateway's tests, in the contract's fixture format. */
import { createHash } from 'node:crypto';
import type { Fixture, FixtureImage } from '../../src/emulator/fixture-types';

export const REGISTRY_ID = '111122223333';
export const OTHER_REGISTRY_ID = '444455556666';

export const digestOf = (seed: string): string => `sha256:${createHash('sha256').update(seed).digest('hex')}`;

/** `count` images, the i-th tagged `v<i>` (every 10th untagged), pushed a minute apart. */
export function images(repository: string, count: number): FixtureImage[] {
  return Array.from({ length: count }, (_, i) => ({
    imageDigest: digestOf(`${repository}#${i}`),
    ...(i % 10 === 9 ? {} : { imageTags: [`v${i}`] }),
    imageSizeInBytes: 5_000_000_000 + i,
    imagePushedAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactMediaType: 'application/vnd.oci.image.config.v1+json',
  }));
}

export function testFixture(): Fixture {
  return {
    registries: [
      {
        registryId: REGISTRY_ID,
        aliases: [{ name: 'testco', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        repositories: [
          { repositoryName: 'big/listing', createdAt: '2024-01-01T00:00:00Z', images: images('big/listing', 2500) },
          { repositoryName: 'web/frontend', createdAt: '2024-02-01T00:00:00Z', images: images('web/frontend', 40) },
          { repositoryName: 'web/backend', createdAt: '2024-03-01T00:00:00Z', images: images('web/backend', 40) },
          { repositoryName: 'empty', createdAt: '2024-04-01T00:00:00Z', images: [] },
        ],
      },
      {
        registryId: OTHER_REGISTRY_ID,
        repositories: [{ repositoryName: 'elsewhere', images: images('elsewhere', 3) }],
      },
    ],
  };
}
