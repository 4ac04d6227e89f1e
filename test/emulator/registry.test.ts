/** The emulator's registry side over loopback HTTP: challenge, token, manifests, blobs, tags, referrers, faults. */
import { createHash } from 'node:crypto';
import { ECRPUBLICClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public';
import { createEmulator, type Emulator, type Listening } from '../../src/emulator';
import { registryFixture } from '../helpers/registry-fixture';

const INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

let emulator: Emulator;
let server: Listening;
let token: string;

const get = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
  });

beforeAll(async () => {
  emulator = createEmulator(registryFixture());
  server = await emulator.listen();
  token = ((await (await fetch(`${server.url}/token/?service=public.ecr.aws&scope=aws`)).json()) as { token: string })
    .token;
});
afterAll(() => server.close());
beforeEach(() => {
  emulator.calls.reset();
  emulator.faults.reset();
});

test('/v2/ challenges without a bearer token and answers {} with one', async () => {
  const bare = await fetch(`${server.url}/v2/`);
  expect(bare.status).toBe(401);
  expect(bare.headers.get('www-authenticate')).toBe(
    `Bearer realm="${server.url}/token/",service="public.ecr.aws",scope="aws"`,
  );
  expect(await (await get('/v2/')).json()).toEqual({});
  const unauthorized = await fetch(`${server.url}/v2/acme/web/frontend/tags/list`);
  expect(unauthorized.status).toBe(401);
  expect((await unauthorized.json()).errors[0]).toEqual({
    code: 'UNAUTHORIZED',
    message: expect.any(String),
    detail: null,
  });
});

test("GetAuthorizationToken's token is accepted as Basic auth; a wrong one is refused", async () => {
  const sdk = new ECRPUBLICClient({
    region: 'us-east-1',
    requestHandler: emulator.requestHandler,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
  });
  const { authorizationData } = await sdk.send(new GetAuthorizationTokenCommand({}));
  const basic = `Basic ${authorizationData?.authorizationToken}`;
  const ok = await fetch(`${server.url}/token/?service=public.ecr.aws&scope=aws`, {
    headers: { authorization: basic },
  });
  expect(ok.status).toBe(200);
  const bad = await fetch(`${server.url}/token/`, { headers: { authorization: `Basic ${btoa('AWS:nope')}` } });
  expect(bad.status).toBe(401);
  expect(emulator.calls.all().map((c) => [c.operation, c.status, c.errorType])).toEqual([
    ['GetAuthorizationToken', undefined, undefined],
    ['RegistryToken', 200, null],
    ['RegistryToken', 401, 'UNAUTHORIZED'],
  ]);
});

test('an index, its platform manifest, config and layers all hash to the digests that name them', async () => {
  const res = await get('/v2/acme/web/frontend/manifests/latest', { headers: { accept: `${INDEX}, ${OCI_MANIFEST}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(res.headers.get('content-type')).toBe(INDEX);
  expect(res.headers.get('docker-content-digest')).toBe(sha(bytes));
  expect(res.headers.get('content-length')).toBe(String(bytes.length));
  const index = JSON.parse(Buffer.from(bytes).toString());
  expect(index.manifests.map((m: { platform: unknown }) => m.platform)).toEqual([
    { architecture: 'amd64', os: 'linux' },
    { architecture: 'arm64', os: 'linux', variant: 'v8' },
  ]);
  const amd = await get(`/v2/acme-old/web/frontend/manifests/${index.manifests[0].digest}`);
  const manifest = JSON.parse(await amd.text());
  const blobs = [manifest.config, ...manifest.layers];
  for (const d of blobs) {
    const redirect = await get(`/v2/acme/web/frontend/blobs/${d.digest}`);
    expect(redirect.status).toBe(307);
    const body = new Uint8Array(await (await fetch(redirect.headers.get('location') as string)).arrayBuffer());
    expect([sha(body), body.length]).toEqual([d.digest, d.size]);
  }
  const config = JSON.parse(
    await (await get(`/v2/acme/web/frontend/blobs/${manifest.config.digest}`, { redirect: 'follow' })).text(),
  );
  expect(config).toMatchObject({
    created: '2024-05-02T08:29:00Z',
    config: { Entrypoint: ['/app'], ExposedPorts: { '8080/tcp': {} } },
  });
  // The blob locations are not registry requests.
  expect(emulator.calls.count('RegistryBlob')).toBe(4);
  expect(emulator.calls.count()).toBe(6);
});

test('DescribeImages reports the manifest digest and the largest platform as the size', async () => {
  const sdk = new ECRPUBLICClient({
    region: 'us-east-1',
    requestHandler: emulator.requestHandler,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 's' },
  });
  const { DescribeImagesCommand } = await import('@aws-sdk/client-ecr-public');
  const { imageDetails = [] } = await sdk.send(new DescribeImagesCommand({ repositoryName: 'web/frontend' }));
  const head = await get('/v2/acme/web/frontend/manifests/latest', { method: 'HEAD' });
  expect(imageDetails[0]?.imageDigest).toBe(head.headers.get('docker-content-digest'));
  expect(imageDetails[0]?.imageManifestMediaType).toBe(INDEX);
  const amd = JSON.parse(
    await (
      await get(
        `/v2/acme/web/frontend/manifests/${JSON.parse(await (await get('/v2/acme/web/frontend/manifests/latest')).text()).manifests[0].digest}`,
      )
    ).text(),
  );
  expect(imageDetails[0]?.imageSizeInBytes).toBe(amd.config.size + 301_000);
});

test('Accept negotiation: an index is not served to a client that takes manifests only', async () => {
  const res = await get('/v2/acme/web/frontend/manifests/latest', { headers: { accept: OCI_MANIFEST } });
  expect(res.status).toBe(404);
  expect((await res.json()).errors[0].code).toBe('MANIFEST_UNKNOWN');
  const docker = await get('/v2/acme/web/frontend/manifests/1.3.0', { method: 'HEAD' });
  expect(docker.headers.get('content-type')).toBe('application/vnd.docker.distribution.manifest.v2+json');
  expect(await docker.text()).toBe('');
  expect(emulator.calls.all().at(-1)?.input).toEqual({
    repository: 'acme/web/frontend',
    reference: '1.3.0',
    method: 'HEAD',
  });
});

test('tags/list pages in byte order with Link, and unknown names are the Distribution codes', async () => {
  const seen: string[] = [];
  let next: string | null = '/v2/acme/web/frontend/tags/list?n=3';
  while (next) {
    const res: Response = await get(next);
    const body = (await res.json()) as { name: string; tags: string[] };
    expect(body.name).toBe('acme/web/frontend');
    seen.push(...body.tags);
    next = res.headers.get('link')?.match(/^<([^>]+)>; rel="next"$/)?.[1] ?? null;
  }
  expect(seen).toEqual(['1.3.0', '1.4.2', 'latest', 't-a', 't-b', 't-c', 't-d', 't-e']);
  expect(emulator.calls.count('RegistryTags')).toBe(3);
  const codes = await Promise.all(
    [
      '/v2/nobody/x/tags/list',
      '/v2/acme/web/frontend/manifests/nope',
      `/v2/acme/web/frontend/blobs/sha256:${'0'.repeat(64)}`,
    ].map(async (p) => {
      const r = await get(p);
      return [r.status, (await r.json()).errors[0].code];
    }),
  );
  expect(codes).toEqual([
    [404, 'NAME_UNKNOWN'],
    [404, 'MANIFEST_UNKNOWN'],
    [404, 'BLOB_UNKNOWN'],
  ]);
  expect((await (await get('/v2/acme/empty/tags/list')).json()).tags).toEqual([]);
});

test('referrers: an OCI index of the signatures, filtered by artifactType', async () => {
  const digest = (await get('/v2/acme/web/frontend/manifests/latest', { method: 'HEAD' })).headers.get(
    'docker-content-digest',
  );
  const all = await get(`/v2/acme/web/frontend/referrers/${digest}`);
  expect(all.headers.get('content-type')).toBe(INDEX);
  const index = await all.json();
  expect(index.manifests).toHaveLength(1);
  const sig = JSON.parse(await (await get(`/v2/acme/web/frontend/manifests/${index.manifests[0].digest}`)).text());
  expect(sig.subject.digest).toBe(digest);
  const filtered = await get(`/v2/acme/web/frontend/referrers/${digest}?artifactType=application/spdx%2Bjson`);
  expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
  expect((await filtered.json()).manifests).toEqual([]);
});

test('faults map onto the registry: 429 TOOMANYREQUESTS, 500, dropped connections', async () => {
  emulator.faults.set({ maxCallsPerSecond: 1, operations: ['RegistryTags'] });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await get('/v2/acme/web/frontend/tags/list')).status);
  expect(statuses).toEqual([200, 429, 429]);
  expect(emulator.calls.all().map((c) => c.errorType)).toEqual([null, 'TOOMANYREQUESTS', 'TOOMANYREQUESTS']);
  emulator.faults.reset();
  emulator.faults.failNext('ServerException', 1, 'RegistryManifest');
  expect((await get('/v2/acme/web/frontend/manifests/latest')).status).toBe(500);
  emulator.faults.failNext('drop', 1, 'RegistryBlob');
  await expect(get(`/v2/acme/web/frontend/blobs/sha256:${'0'.repeat(64)}`)).rejects.toThrow();
});
