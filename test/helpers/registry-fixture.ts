/** A fixture whose images carry registry `content`: an OCI index with a referrer, a Docker single manifest, Windows. */
import type { Fixture } from '../../src/emulator/fixture-types';

export const REGISTRY_FIXTURE_ID = '222233334444';

export function registryFixture(): Fixture {
  return {
    registries: [
      {
        registryId: REGISTRY_FIXTURE_ID,
        aliases: [
          { name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true },
          { name: 'acme-old', status: 'ACTIVE', primaryRegistryAlias: false, defaultRegistryAlias: false },
        ],
        repositories: [
          {
            repositoryName: 'web/frontend',
            images: [
              {
                imageTags: ['latest', '1.4.2'],
                imagePushedAt: '2024-05-02T08:30:00Z',
                content: {
                  mediaType: 'application/vnd.oci.image.index.v1+json',
                  platforms: [
                    {
                      os: 'linux',
                      architecture: 'amd64',
                      created: '2024-05-02T08:29:00Z',
                      labels: { 'org.opencontainers.image.source': 'https://example.com/web' },
                      config: { entrypoint: ['/app'], cmd: ['serve'], user: '1000', exposedPorts: ['8080/tcp'] },
                      layers: [300_000, 1_000],
                    },
                    { os: 'linux', architecture: 'arm64', variant: 'v8', layers: [250_000] },
                  ],
                  annotations: { 'org.opencontainers.image.version': '1.4.2' },
                  referrers: [{ artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' }],
                },
              },
              {
                imageTags: ['1.3.0'],
                content: {
                  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
                  platforms: [{ os: 'linux', architecture: 'amd64', layers: [2_000, { size: 10 }] }],
                },
              },
              ...['a', 'b', 'c', 'd', 'e'].map((t, i) => ({
                imageTags: [`t-${t}`],
                content: {
                  mediaType: 'application/vnd.oci.image.manifest.v1+json',
                  platforms: [
                    { os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.2582', layers: [(i + 1) * 100] },
                  ],
                },
              })),
            ],
          },
          { repositoryName: 'empty', images: [] },
        ],
      },
    ],
  };
}
