/** Test helpers: the real SDK client against an emulator, in-process or over loopback. */
import { ECRPUBLICClient, type ECRPUBLICClientConfig } from '@aws-sdk/client-ecr-public';
import type { Emulator, Fixture } from '../../src/emulator';

const BASE: ECRPUBLICClientConfig = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'dummy' },
  maxAttempts: 1,
};

/** In-process, through `emulator.requestHandler`; one attempt unless `config` says otherwise. */
export function inProcessClient(emulator: Emulator, config: ECRPUBLICClientConfig = {}): ECRPUBLICClient {
  return new ECRPUBLICClient({ ...BASE, requestHandler: emulator.requestHandler, ...config });
}

/** Over HTTP, as any AWS client would reach the standalone emulator. */
export function endpointClient(url: string, config: ECRPUBLICClientConfig = {}): ECRPUBLICClient {
  return new ECRPUBLICClient({ ...BASE, endpoint: url, ...config });
}

/** What the tests read of an SDK error: a service exception's fields, or a network error's code. */
export interface SdkError extends Error {
  $metadata: { httpStatusCode?: number; attempts?: number; requestId?: string };
  $fault?: 'client' | 'server';
  code?: string;
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected a rejection, got an answer');
}

export const OWN = '123456789012';
export const OTHER = '210987654321';

export const digestOf = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

/** A small fixture: web/frontend with five images (one untagged, one past 2^32 bytes), two registries. */
export function smallFixture(): Fixture {
  return {
    registries: [
      {
        registryId: OWN,
        aliases: [{ name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
        verified: true,
        catalogData: { displayName: 'Acme' },
        repositories: [
          {
            repositoryName: 'web/frontend',
            createdAt: '2024-05-01T12:00:00Z',
            catalogData: {
              description: 'The storefront',
              architectures: ['x86-64', 'ARM 64'],
              operatingSystems: ['Linux'],
            },
            tags: [{ Key: 'team', Value: 'web' }],
            images: [
              {
                imageDigest: digestOf(1),
                imageTags: ['1.0.0'],
                imageSizeInBytes: 1000,
                imagePushedAt: '2024-05-02T08:30:00Z',
              },
              { imageDigest: digestOf(2), imagePushedAt: '2024-05-03T08:30:00Z' },
              {
                imageDigest: digestOf(3),
                imageTags: ['1.1.0', 'stable'],
                imageSizeInBytes: 6_000_000_123,
                imagePushedAt: '2024-05-04T08:30:00.250Z',
                imageManifestMediaType: 'application/vnd.oci.image.index.v1+json',
              },
              { imageDigest: digestOf(4), imageTags: ['git-3f2a91c'], imagePushedAt: '2024-05-05T08:30:00Z' },
              {
                imageDigest: digestOf(5),
                imageTags: ['latest', '1.4.2'],
                imageSizeInBytes: 48213497,
                imagePushedAt: '2024-05-06T08:30:00Z',
                imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
                artifactMediaType: 'application/vnd.oci.image.config.v1+json',
              },
            ],
          },
          { repositoryName: 'web/backend', createdAt: '2024-05-01T13:00:00Z' },
          { repositoryName: 'data/etl', images: [] },
        ],
      },
      {
        registryId: OTHER,
        repositories: [{ repositoryName: 'lumen/cli', images: [{ imageDigest: digestOf(99), imageTags: ['latest'] }] }],
      },
    ],
  };
}

/** Resolves once `condition` holds, checking on each turn of the event loop; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
