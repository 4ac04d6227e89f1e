/** Fixture `content` rules: checked at load, digests built, AWS's size rule, artifacts and non-distributable layers. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeImagesCommand } from '@aws-sdk/client-ecr-public';
import { createEmulator, type Fixture, type FixtureImage, loadFixture } from '../../src/emulator';
import { registryGet, sha256 } from '../helpers/registry-http';
import { inProcessClient } from './sdk';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const fixtureOf = (images: FixtureImage[]): Fixture => ({
  registries: [{ registryId: '111122223333', repositories: [{ repositoryName: 'app', images }] }],
});
const INDEXED: FixtureImage = {
  imageTags: ['latest'],
  content: {
    mediaType: INDEX,
    attestations: true,
    platforms: [
      { os: 'linux', architecture: 'amd64', layers: [1000, 24] },
      { os: 'linux', architecture: 'arm64', variant: 'v8', layers: [3000] },
    ],
  },
};
const FOREIGN: FixtureImage = {
  imageTags: ['win'],
  content: {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    platforms: [
      {
        os: 'windows',
        architecture: 'amd64',
        osVersion: '10.0.20348.2700',
        layers: [{ size: 5_000_000_000, urls: ['https://example.com/base'] }, 100],
      },
    ],
  },
};
const CHART: FixtureImage = {
  imageTags: ['0.1.0'],
  content: {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifact: {
      configMediaType: 'application/vnd.cncf.helm.config.v1+json',
      config: { name: 'c' },
      layers: [{ size: 200, mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip' }],
    },
  },
};

test('a fixture file with content and no digest or size: both derived from what the registry serves', async () => {
  const file = path.join(tmpdir(), `content-fixture-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(fixtureOf([INDEXED, FOREIGN, CHART])));
  const emulator = createEmulator(loadFixture(file));
  const server = await emulator.listen();
  try {
    const get = await registryGet(server.url);
    const { imageDetails = [] } = await inProcessClient(emulator).send(
      new DescribeImagesCommand({ repositoryName: 'app' }),
    );
    const [index, windows, chart] = imageDetails;
    const served = async (ref: string) => {
      const res = await get(`/v2/111122223333/app/manifests/${ref}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      return { digest: sha256(bytes), body: JSON.parse(bytes.toString()) };
    };
    const top = await served('latest');
    expect(index?.imageDigest).toBe(top.digest);
    const sizes = [];
    for (const m of top.body.manifests.filter((d: { platform: { os: string } }) => d.platform.os !== 'unknown')) {
      const p = (await served(m.digest)).body;
      sizes.push(p.config.size + p.layers.reduce((n: number, l: { size: number }) => n + l.size, 0));
    }
    expect(top.body.manifests).toHaveLength(4);
    expect(index?.imageSizeInBytes).toBe(Math.max(...sizes));
    expect(index?.artifactMediaType).toBeUndefined();
    const win = await served('win');
    expect(windows?.imageDigest).toBe(win.digest);
    expect(windows?.imageSizeInBytes).toBe(win.body.config.size + 5_000_000_100);
    expect(windows?.artifactMediaType).toBe('application/vnd.docker.container.image.v1+json');
    const missing = await get(`/v2/111122223333/app/blobs/${win.body.layers[0].digest}`);
    expect((await missing.json()).errors[0].code).toBe('BLOB_UNKNOWN');
    expect([chart?.imageDigest, chart?.artifactMediaType]).toEqual([
      (await served('0.1.0')).digest,
      'application/vnd.cncf.helm.config.v1+json',
    ]);
  } finally {
    await server.close();
  }
});

test.each([
  [
    { ...INDEXED, imageDigest: `sha256:${'a'.repeat(64)}` },
    /imageDigest: differs from the digest of its content's manifest, sha256:/,
  ],
  [
    { content: { ...INDEXED.content, mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json' } },
    /content: attestations need an OCI index/,
  ],
  [{ content: { ...CHART.content, platforms: [] } } as FixtureImage, /content: an artifact has no platforms/],
  [{ content: { ...INDEXED.content, extra: 1 } } as FixtureImage, /content\.extra: unknown field/],
  [
    { content: { mediaType: 'text/plain', platforms: [] } },
    /content: mediaType text\/plain is not an index or image manifest/,
  ],
  [
    { content: { mediaType: INDEX, platforms: [{ os: 'linux', architecture: 'amd64', layers: [-1] }] } },
    /content: layer size -1/,
  ],
])('a bad content is refused at load, naming its field: %#', (image, message) => {
  expect(() => createEmulator(fixtureOf([image as FixtureImage]))).toThrow(message);
});
