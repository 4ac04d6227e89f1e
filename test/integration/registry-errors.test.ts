/**
 * Registry failures as the contract's codes, at the failing fields only: unknown repositories and
 * tags, bad input (refused with no request), outages, throttling, dropped connections and content
 * whose sha256 is not its digest; the rest of the response keeps its data.
 */
import { CONTENTS_REGISTRY_ID, contentsFixture } from '../helpers/contents-fixture';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

let stack: Stack;
beforeEach(() => {
  stack = createStack({ fixture: contentsFixture(), registry: { breakerResetMs: 60_000 } });
});

const registryRequests = (s: Stack) => s.emulator.calls.all().filter((c) => c.operation.startsWith('Registry')).length;
const errorAt = (res: GraphQLResponse, path: (string | number)[]) =>
  res.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));

test('an unknown repository is null with REPOSITORY_NOT_FOUND, whatever is selected; an unknown tag IMAGE_NOT_FOUND', async () => {
  const res = await stack.query(`{
    missing: publicRepository(alias: "acme", name: "no/such") { uri }
    known: publicRepository(alias: "acme", name: "team/api") { uri manifest(reference: "no-such-tag") { digest } }
    other: publicRepository(alias: "acme", name: "team/api") { manifest(reference: "latest") { mediaType } }
  }`);
  expect(res.data?.missing).toBeNull();
  expect(errorAt(res, ['missing'])?.extensions).toEqual({
    code: 'REPOSITORY_NOT_FOUND',
    registry: { errorCode: 'NAME_UNKNOWN', httpStatusCode: 404 },
  });
  expect(res.data?.known).toEqual({ uri: 'public.ecr.aws/acme/team/api', manifest: null });
  expect(errorAt(res, ['known', 'manifest'])?.extensions).toEqual({
    code: 'IMAGE_NOT_FOUND',
    registry: { errorCode: 'MANIFEST_UNKNOWN', httpStatusCode: 404 },
  });
  expect(res.data?.other).toEqual({ manifest: { mediaType: 'application/vnd.oci.image.index.v1+json' } });
  expect(res.errors).toHaveLength(2);
});

test.each([
  ['a malformed alias', 'publicRepository(alias: "Not An Alias", name: "team/api") { uri }'],
  ['a malformed name', 'publicRepository(alias: "acme", name: "-bad-") { uri }'],
  [
    'a malformed reference',
    'publicRepository(alias: "acme", name: "team/api") { manifest(reference: "sha256:xyz") { digest } }',
  ],
])('%s is BAD_USER_INPUT with no registry request for it', async (_what, selection) => {
  const res = await stack.query(`{ ${selection} }`);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  // A bad reference still has its repository checked (a token and tags/list); no manifest is asked.
  if (selection.includes('manifest(')) expect(stack.calls('RegistryManifest')).toBe(0);
  else expect(registryRequests(stack)).toBe(0);
});

const twoImages = `{ repository(name: "team/api", registryId: "${CONTENTS_REGISTRY_ID}") {
  repositoryName
  a: image(tag: "latest") { imageDigest manifest { mediaType platforms { os sizeInBytes } } }
  b: image(tag: "1.9.0") { imageTags }
} }`;

test.each([
  ['a 500', 'ServerException', 'UPSTREAM_ERROR', { errorCode: 'UNKNOWN', httpStatusCode: 500 }],
  [
    'throttling (429)',
    'ThrottlingException',
    'UPSTREAM_THROTTLED',
    { errorCode: 'TOOMANYREQUESTS', httpStatusCode: 429 },
  ],
  ['a dropped connection', 'drop', 'UPSTREAM_UNAVAILABLE', { errorCode: 'ECONNRESET', httpStatusCode: null }],
] as const)('%s of the registry fails the manifest field alone', async (_what, kind, code, registry) => {
  await stack.query(`{ publicRepository(alias: "acme", name: "team/api") { uri } }`); // a token first
  stack.emulator.faults.failNext(kind, 1, 'RegistryManifest');
  const res = await stack.query(twoImages);
  expect(res.errors).toHaveLength(1);
  expect(res.errors?.[0]?.path).toEqual(['repository', 'a', 'manifest']);
  expect(res.errors?.[0]?.extensions).toEqual({ code, registry });
  const repository = res.data?.repository as Record<string, unknown>;
  expect(repository.repositoryName).toBe('team/api');
  expect(repository.a).toEqual({ imageDigest: expect.stringMatching(/^sha256:/), manifest: null });
  expect(repository.b).toEqual({ imageTags: ['1.9.0'] });
});

test('a manifest whose sha256 is not its digest is UPSTREAM_ERROR, and neither served nor kept', async () => {
  const digest = async () =>
    (
      await stack.query(
        `{ repository(name: "team/api", registryId: "${CONTENTS_REGISTRY_ID}") { image(tag: "1.8.0") { imageDigest } } }`,
      )
    ).data as { repository: { image: { imageDigest: string } } };
  const { imageDigest } = (await digest()).repository.image;
  const forged = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json' });
  await stack.query(`{ publicRepository(alias: "acme", name: "team/api") { uri } }`);
  stack.emulator.faults.failNext(
    { raw: { body: forged, contentType: 'application/vnd.oci.image.manifest.v1+json' } },
    1,
    'RegistryManifest',
  );
  const query = `{ publicRepository(alias: "acme", name: "team/api") { uri manifest(reference: "${imageDigest}") { digest } } }`;
  const bad = await stack.query(query);
  expect(bad.data?.publicRepository).toEqual({ uri: 'public.ecr.aws/acme/team/api', manifest: null });
  expect(bad.errors?.[0]?.extensions).toEqual({
    code: 'UPSTREAM_ERROR',
    registry: { errorCode: 'DIGEST_MISMATCH', httpStatusCode: 200 },
  });
  const before = registryRequests(stack);
  const good = await stack.query(query);
  expect(good.errors).toBeUndefined();
  expect(good.data?.publicRepository).toEqual({
    uri: 'public.ecr.aws/acme/team/api',
    manifest: { digest: imageDigest },
  });
  expect(registryRequests(stack) - before).toBe(1); // fetched again: the forged bytes were not kept
});

test('while the registry keeps failing, its breaker fails fast and the API still answers', async () => {
  await stack.query(`{ publicRepository(alias: "acme", name: "team/api") { uri } }`);
  stack.emulator.faults.set({ serverErrorRate: 1, operations: ['RegistryManifest'] });
  for (let i = 0; i < 10; i++) {
    await stack.query(
      `{ publicRepository(alias: "acme", name: "team/api") { manifest(reference: "rc-${'abc'[i % 3]}") { digest } } }`,
    );
  }
  const sent = stack.calls('RegistryManifest');
  const res = await stack.query(twoImages);
  expect(stack.calls('RegistryManifest')).toBe(sent);
  expect(res.errors?.[0]?.extensions).toEqual({
    code: 'UPSTREAM_UNAVAILABLE',
    registry: { errorCode: 'CircuitOpen', httpStatusCode: null },
  });
  expect((res.data?.repository as { b?: unknown } | undefined)?.b).toEqual({ imageTags: ['1.9.0'] });
});

test('pulls are authenticated with GetAuthorizationToken; credentials the token endpoint refuses fall back to anonymous', async () => {
  const refused = JSON.stringify({
    authorizationData: {
      authorizationToken: Buffer.from('AWS:wrong').toString('base64'),
      expiresAt: Date.now() / 1000 + 3600,
    },
  });
  stack.emulator.faults.failNext({ raw: { body: refused } }, 1, 'GetAuthorizationToken');
  const res = await stack.query(
    `{ publicRepository(alias: "acme", name: "team/api") { uri } }`,
    {},
    { 'x-include-cost': '1' },
  );
  expect(res.errors).toBeUndefined();
  // Basic with the refused password (401), then an anonymous token (200).
  const tokens = stack.emulator.calls.all().filter((c) => c.operation === 'RegistryToken');
  expect(tokens.map((c) => c.status)).toEqual([401, 200]);
  expect(res.extensions?.cost).toMatchObject({
    upstreamCalls: { GetAuthorizationToken: 1 },
    registryCalls: { token: 2 },
  });
});

test('a failing GetAuthorizationToken means anonymous pulls, not failures', async () => {
  stack.emulator.faults.failNext('ServerException', 1, 'GetAuthorizationToken');
  const res = await stack.query(
    `{ publicRepository(alias: "acme", name: "team/api") { manifest(reference: "latest") { digest } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect(
    stack.emulator.calls
      .all()
      .filter((c) => c.operation === 'RegistryToken')
      .map((c) => c.status),
  ).toEqual([200]);
});
