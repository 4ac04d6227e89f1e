/**
 * A fixture for the gateway's registry tests: every manifest shape the contract names (an OCI index
 * with a buildx attestation manifest and referrers, a Docker manifest list, single OCI and Docker
 * manifests, Windows with os.version), and enough tags to page.
 */
import type { Fixture, FixtureImage } from '../../src/emulator/fixture-types';

export const CONTENTS_REGISTRY_ID = '333344445555';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

const images: FixtureImage[] = [
  {
    imageTags: ['latest', '2.0.0'],
    content: {
      mediaType: OCI_INDEX,
      platforms: [
        {
          os: 'linux',
          architecture: 'amd64',
          created: '2024-06-01T10:00:00Z',
          labels: {
            'org.opencontainers.image.version': '2.0.0',
            'org.opencontainers.image.source': 'https://example.com/api',
          },
          config: {
            entrypoint: ['/api'],
            cmd: ['--serve'],
            user: 'app',
            workingDir: '/srv',
            exposedPorts: ['9090/tcp', '8080/tcp'],
          },
          layers: [40_000, 2_000],
        },
        { os: 'linux', architecture: 'arm64', variant: 'v8', created: '2024-06-01T10:00:00Z', layers: [38_000] },
        // A buildx attestation manifest: no real platform, left out of `platforms`.
        { os: 'unknown', architecture: 'unknown', layers: [500] },
      ],
      annotations: {
        'org.opencontainers.image.version': '2.0.0',
        'org.opencontainers.image.created': '2024-06-01T10:00:00Z',
      },
      referrers: [
        {
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          annotations: { 'dev.sigstore.bundle.predicateType': 'cosign' },
        },
        { artifactType: 'application/spdx+json' },
      ],
    },
  },
  {
    imageTags: ['1.9.0'],
    content: {
      mediaType: DOCKER_LIST,
      platforms: [
        { os: 'linux', architecture: 'amd64', layers: [30_000] },
        { os: 'linux', architecture: 'arm', variant: 'v7', layers: [29_000] },
      ],
    },
  },
  {
    imageTags: ['1.8.0'],
    content: {
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: [
        { os: 'linux', architecture: 'amd64', created: '2023-01-01T00:00:00Z', layers: [20_000, { size: 10 }] },
      ],
    },
  },
  {
    imageTags: ['windows'],
    content: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      platforms: [{ os: 'windows', architecture: 'amd64', osVersion: '10.0.20348.2582', layers: [12_345] }],
    },
  },
  ...['a', 'b', 'c'].map((t, i) => ({
    imageTags: [`rc-${t}`],
    content: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      platforms: [{ os: 'linux', architecture: 'amd64', layers: [(i + 1) * 1000] }],
    },
  })),
];

export function contentsFixture(): Fixture {
  return {
    registries: [
      {
        registryId: CONTENTS_REGISTRY_ID,
        aliases: [{ name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        repositories: [
          { repositoryName: 'team/api', images },
          { repositoryName: 'empty', images: [] },
        ],
      },
    ],
  };
}
