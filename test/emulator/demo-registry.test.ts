/**
 * The demo catalog's registry side: every image has content; DescribeImages' digest is the sha256
 * of the manifest the registry serves and its size AWS's rule over what it serves; every shape the
 * README lists is there (attestations, Windows os.version, Helm, WASM, signatures and SBOMs).
 */
import { DescribeImagesCommand, type ImageDetail, paginateDescribeImages } from '@aws-sdk/client-ecr-public';
import { createDemoCatalog, createEmulator, type Listening } from '../../src/emulator';
import { type RegistryGet, registryGet, sha256 } from '../helpers/registry-http';
import { inProcessClient } from './sdk';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Record<string, string>;
  annotations?: Record<string, string>;
  artifactType?: string;
}
interface Manifest {
  mediaType: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  subject?: Descriptor;
}

const emulator = createEmulator(createDemoCatalog());
const client = inProcessClient(emulator);
let server: Listening;
let get: RegistryGet;
beforeAll(async () => {
  server = await emulator.listen();
  get = await registryGet(server.url);
});
afterAll(() => server.close());

const OWN_REPOSITORIES = createDemoCatalog().registries[0]?.repositories ?? [];

/** The manifest as served, checked against the digest that names it. */
async function manifest(repo: string, reference: string): Promise<{ digest: string; body: Manifest }> {
  const res = await get(`/v2/acme/${repo}/manifests/${reference}`);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const digest = res.headers.get('docker-content-digest') as string;
  expect(sha256(bytes)).toBe(digest);
  return { digest, body: JSON.parse(Buffer.from(bytes).toString()) as Manifest };
}

const pullSize = (m: Manifest) => (m.config?.size ?? 0) + (m.layers ?? []).reduce((n, l) => n + l.size, 0);

async function images(repositoryName: string): Promise<ImageDetail[]> {
  const all: ImageDetail[] = [];
  for await (const page of paginateDescribeImages({ client, pageSize: 1000 }, { repositoryName }))
    all.push(...(page.imageDetails ?? []));
  return all;
}

test('every image: the digest is what the registry serves, the size the largest platform, media types agree', async () => {
  let checked = 0;
  for (const { repositoryName, images: fixture = [] } of OWN_REPOSITORIES) {
    expect(fixture.every((i) => i.content !== undefined)).toBe(true);
    // The 2,600-image repository: every 100th image, enough to meet each of its four media types.
    const details = (await images(repositoryName)).filter(
      (_, i) => repositoryName !== 'platform/ci-runner' || i % 100 === 0,
    );
    const each = async (image: ImageDetail) => {
      const { digest, body } = await manifest(repositoryName, image.imageDigest as string);
      expect([digest, body.mediaType]).toEqual([image.imageDigest, image.imageManifestMediaType]);
      if (body.manifests) {
        const platforms = body.manifests.filter((m) => m.platform?.os !== 'unknown');
        const sizes = await Promise.all(
          platforms.map(async (m) => pullSize((await manifest(repositoryName, m.digest)).body)),
        );
        expect(image.imageSizeInBytes).toBe(Math.max(...sizes));
        expect(image.artifactMediaType).toBeUndefined();
      } else {
        expect([image.imageSizeInBytes, image.artifactMediaType]).toEqual([pullSize(body), body.config?.mediaType]);
      }
      for (const tag of image.imageTags ?? []) {
        const head = await get(`/v2/acme/${repositoryName}/manifests/${tag}`, { method: 'HEAD' });
        expect(head.headers.get('docker-content-digest')).toBe(digest);
      }
      checked++;
    };
    await Promise.all(details.map(each));
  }
  expect(checked).toBeGreaterThan(350);
});

test('OCI indexes carry BuildKit attestation manifests for each platform they list', async () => {
  const { body } = await manifest('web/frontend', 'latest');
  const attestations = (body.manifests ?? []).filter((m) => m.platform?.os === 'unknown');
  const platforms = (body.manifests ?? []).filter((m) => m.platform?.os !== 'unknown');
  expect(body.mediaType).toBe('application/vnd.oci.image.index.v1+json');
  expect(platforms.map((m) => m.platform)).toEqual([
    { architecture: 'amd64', os: 'linux' },
    { architecture: 'arm64', os: 'linux', variant: 'v8' },
  ]);
  expect(attestations.map((m) => m.annotations)).toEqual(
    platforms.map((p) => ({
      'vnd.docker.reference.digest': p.digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    })),
  );
  const statement = (await manifest('web/frontend', attestations[0]?.digest as string)).body;
  expect(statement.layers?.map((l) => l.annotations?.['in-toto.io/predicate-type'])).toEqual([
    'https://slsa.dev/provenance/v0.2',
    'https://spdx.dev/Document',
  ]);
});

test('Windows images name os.version; their base layer is non-distributable, so the registry holds no bytes for it', async () => {
  const { body } = await manifest('platform/base-images/windows-servercore', 'latest');
  expect(body.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  const config = await get(`/v2/acme/platform/base-images/windows-servercore/blobs/${body.config?.digest}`, {
    redirect: 'follow',
  });
  expect(await config.json()).toMatchObject({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2700' });
  const [base] = body.layers ?? [];
  expect(base).toMatchObject({
    mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
    urls: [expect.any(String)],
  });
  const missing = await get(`/v2/acme/platform/base-images/windows-servercore/blobs/${base?.digest}`);
  expect([missing.status, (await missing.json()).errors[0].code]).toEqual([404, 'BLOB_UNKNOWN']);
  // tools/cli's indexes hold a Windows platform beside Linux ones.
  const index = (await images('tools/cli')).find((i) => i.imageManifestMediaType?.includes('index'));
  const cli = (await manifest('tools/cli', index?.imageDigest as string)).body;
  expect(cli.manifests?.map((m) => m.platform?.['os.version']).filter(Boolean)).toEqual(['10.0.20348.2700']);
});

test('a Helm chart and a WASM module are OCI artifacts', async () => {
  const chart = (await manifest('charts/storefront', '0.3.2')).body;
  expect(chart.config?.mediaType).toBe('application/vnd.cncf.helm.config.v1+json');
  expect(chart.layers?.map((l) => l.mediaType)).toEqual(['application/vnd.cncf.helm.chart.content.v1.tar+gzip']);
  const config = await get(`/v2/acme/charts/storefront/blobs/${chart.config?.digest}`, { redirect: 'follow' });
  expect(await config.json()).toMatchObject({ apiVersion: 'v2', name: 'storefront', version: '0.3.2' });
  const wasm = (await manifest('web/edge-filters', 'latest')).body;
  expect(wasm).toMatchObject({
    artifactType: 'application/wasm',
    config: { mediaType: 'application/vnd.oci.empty.v1+json' },
  });
  const { imageDetails = [] } = await client.send(new DescribeImagesCommand({ repositoryName: 'charts/storefront' }));
  expect(new Set(imageDetails.map((i) => i.artifactMediaType))).toEqual(
    new Set(['application/vnd.cncf.helm.config.v1+json']),
  );
});

test('release images are signed and carry an SBOM as referrers whose subject is the image', async () => {
  const { digest } = await manifest('platform/base-images/node', 'latest');
  const res = await get(`/v2/acme/platform/base-images/node/referrers/${digest}`);
  const index = (await res.json()) as Manifest;
  expect(index.manifests?.map((m) => m.artifactType)).toEqual([
    'application/vnd.dev.cosign.artifact.sig.v1+json',
    'application/spdx+json',
  ]);
  for (const m of index.manifests ?? []) {
    const referrer = (await manifest('platform/base-images/node', m.digest)).body;
    expect(referrer.subject?.digest).toBe(digest);
  }
  const sbom = await get(`/v2/acme/platform/base-images/node/referrers/${digest}?artifactType=application/spdx%2Bjson`);
  expect(((await sbom.json()) as Manifest).manifests).toHaveLength(1);
});
