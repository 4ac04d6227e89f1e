/**
 * The production path over real HTTP: the gateway served on loopback, the emulator listening
 * (API and registry on one port, as public.ecr.aws and its API), the registry reached with `fetch`
 * (tokens from the challenge's realm, blobs through a real 307). REGISTRY_MAX_RPS holds under a
 * burst, measured at the emulator; authenticated pulls use GetAuthorizationToken, and a failing one
 * falls back to anonymous pulls.
 */
import { createRegistryBackend } from '../../src/backend-registry';
import { defaultLimits } from '../../src/config';
import { createEcrPublicClient } from '../../src/ecr/client';
import { createUpstream } from '../../src/ecr/guard/upstream';
import { createEmulator, type Emulator, type Listening } from '../../src/emulator';
import { createGateway } from '../../src/server';
import { CONTENTS_REGISTRY_ID, contentsFixture } from '../helpers/contents-fixture';
import { type Served, serve } from '../helpers/http-server';
import type { GraphQLResponse } from '../helpers/stack';

const MAX_RPS = 3;
let emulator: Emulator;
let listening: Listening;
let gateway: Served;

beforeAll(async () => {
  emulator = createEmulator(contentsFixture());
  listening = await emulator.listen();
  const client = createEcrPublicClient({
    region: 'us-east-1',
    timeoutMs: 5000,
    endpoint: listening.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const yoga = createGateway({
    config: {
      graphiql: false,
      introspection: true,
      cursorSecret: 'test-cursor-secret',
      costAlways: true,
      auth: { jwksUrl: undefined, jwtSecret: undefined, issuer: undefined, audience: undefined },
      clientMaxRps: 0,
      corsOrigins: [],
      limits: defaultLimits(),
    },
    upstream: createUpstream(client, { timeoutMs: 5000, maxRps: 50, cacheTtlMs: 10_000 }),
    registry: createRegistryBackend(
      {
        registry: { url: listening.url, maxRps: MAX_RPS, cacheMaxBytes: 1024 * 1024 },
        upstreamTimeoutMs: 10_000,
        upstreamCacheTtlMs: 10_000,
        redisKeyPrefix: 'test:',
      },
      { client },
    ),
  });
  gateway = await serve(yoga);
});
afterAll(async () => {
  await gateway.close();
  await listening.close();
});

const post = async (query: string): Promise<GraphQLResponse> =>
  (await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  }).then((r) => r.json())) as GraphQLResponse;

test('over HTTP: an authenticated token, platforms with configs through the 307, registryCalls as the emulator logged', async () => {
  emulator.calls.reset();
  const res = await post(
    `{ repository(name: "team/api", registryId: "${CONTENTS_REGISTRY_ID}") { image(tag: "latest") { platforms { os architecture created exposedPorts } } } }`,
  );
  expect(res.errors).toBeUndefined();
  expect((res.data?.repository as { image?: unknown } | undefined)?.image).toEqual({
    platforms: [
      {
        os: 'linux',
        architecture: 'amd64',
        created: '2024-06-01T10:00:00.000Z',
        exposedPorts: ['8080/tcp', '9090/tcp'],
      },
      { os: 'linux', architecture: 'arm64', created: '2024-06-01T10:00:00.000Z', exposedPorts: [] },
    ],
  });
  const log = emulator.calls.all();
  expect(log.map((c) => c.operation)).toContain('GetAuthorizationToken');
  const kinds = { RegistryToken: 'token', RegistryManifest: 'manifest', RegistryBlob: 'blob' } as Record<
    string,
    string
  >;
  const counted: Record<string, number> = {};
  for (const call of log)
    if (kinds[call.operation])
      counted[kinds[call.operation] as string] = (counted[kinds[call.operation] as string] ?? 0) + 1;
  expect((res.extensions?.cost as { registryCalls?: unknown } | undefined)?.registryCalls).toEqual(counted);
  expect(counted.blob).toBe(2);
});

test(`REGISTRY_MAX_RPS=${MAX_RPS} holds under a burst, in any sliding second at the emulator`, async () => {
  await post('{ publicRepository(alias: "acme", name: "team/api") { uri } }'); // the token, outside the burst
  emulator.calls.reset();
  const tags = ['1.9.0', '1.8.0', 'windows', 'rc-a', 'rc-b', 'rc-c', '2.0.0'];
  const started = Date.now();
  const res = await post(`{ r: publicRepository(alias: "acme", name: "team/api") {
    ${tags.map((tag, i) => `m${i}: manifest(reference: "${tag}") { digest }`).join('\n')} } }`);
  expect(res.errors).toBeUndefined();
  const arrivals = emulator.calls
    .all()
    .filter((c) => c.operation.startsWith('Registry'))
    .map((c) => c.at);
  expect(arrivals).toHaveLength(tags.length);
  for (const at of arrivals)
    expect(arrivals.filter((other) => other >= at && other < at + 1000).length).toBeLessThanOrEqual(MAX_RPS);
  // 7 requests at 3 a second: the burst queued, over two more windows.
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
});
