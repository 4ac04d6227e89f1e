/**
 * Image.platforms and Image.manifest against what the emulator's registry serves, for every manifest
 * shape; what a query fetches (only what it selects, each document once per request, nothing again
 * while cached); registryCalls against the emulator's call log.
 */
import { createDemoCatalog } from '../../src/emulator';
import { exampleQuery } from '../../src/graphiql-example';
import { CONTENTS_REGISTRY_ID, contentsFixture } from '../helpers/contents-fixture';
import { dataOf } from '../helpers/data';
import { expectedPlatforms, type Json, served } from '../helpers/registry-served';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

const REPO = 'acme/team/api';
const PLATFORM_FIELDS = `os architecture variant osVersion digest sizeInBytes created labels { key value }
  layers { digest mediaType sizeInBytes } entrypoint cmd user workingDir exposedPorts`;
const KINDS: Record<string, string> = {
  RegistryToken: 'token',
  RegistryManifest: 'manifest',
  RegistryBlob: 'blob',
  RegistryTags: 'tags',
  RegistryReferrers: 'referrers',
};

/** The emulator's registry requests since the last reset, by the cost extension's kinds. */
function registryLog(stack: Stack): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of stack.emulator.calls.all()) {
    const kind = KINDS[call.operation];
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** References of the requests of `operation` that the registry answered (not its 401 challenges). */
const fetched = (stack: Stack, operation: string): string[] =>
  stack.emulator.calls
    .all()
    .filter((c) => c.operation === operation && c.status !== 401)
    .map((c) => (c.input as { reference: string }).reference);

/** `extensions.cost.registryCalls`, absent when the request made no registry request. */
const registryCallsOf = (res: GraphQLResponse) =>
  ((res.extensions?.cost ?? {}) as { registryCalls?: Record<string, number> }).registryCalls;

const imageQuery = (tag: string, selection: string) =>
  `{ repository(name: "team/api", registryId: "${CONTENTS_REGISTRY_ID}") { image(tag: "${tag}") { imageDigest ${selection} } } }`;

let stack: Stack;
beforeEach(() => {
  stack = createStack({ fixture: contentsFixture() });
});

test.each([
  ['an OCI index with an attestation manifest', 'latest'],
  ['a Docker manifest list', '1.9.0'],
  ['a single Docker manifest', '1.8.0'],
  ['Windows with os.version', 'windows'],
])('Image.platforms and manifest of %s equal what the registry serves', async (_shape, tag) => {
  const s = served(stack.emulator);
  const platforms = await expectedPlatforms(s, REPO, tag);
  const top = await s.manifest(REPO, tag);
  const referrers = await s.referrers(REPO, top.digest);
  const res = await stack.query(
    imageQuery(
      tag,
      `platforms { ${PLATFORM_FIELDS} } manifest { digest mediaType sizeInBytes artifactType annotations { key value }
        platforms { digest } referrers { digest mediaType artifactType sizeInBytes annotations { key value } platforms { os } } }`,
    ),
  );
  expect(res.errors).toBeUndefined();
  const image = dataOf<Json>(res, 'repository').image;
  expect(image.platforms).toEqual(platforms);
  const annotations = top.body.annotations ?? {};
  expect(image.manifest).toEqual({
    digest: top.digest,
    mediaType: top.mediaType,
    sizeInBytes: top.bytes,
    artifactType: null,
    annotations: Object.keys(annotations)
      .sort()
      .map((key) => ({ key, value: annotations[key] })),
    platforms: platforms.map((p) => ({ digest: p.digest })),
    referrers: referrers.map((r) => ({
      digest: r.digest,
      mediaType: r.mediaType,
      artifactType: r.artifactType,
      sizeInBytes: r.size,
      annotations: Object.entries(r.annotations ?? {}).map(([key, value]) => ({ key, value })),
      platforms: [],
    })),
  });
  expect(image.imageDigest).toBe(top.digest);
  if (tag === 'latest') expect(image.platforms.map((p: { os: string }) => p.os)).toEqual(['linux', 'linux']);
});

test('an artifact (a signature) by digest: its artifactType, no platforms, its subject found by referrers', async () => {
  const s = served(stack.emulator);
  const [signature] = await s.referrers(REPO, (await s.manifest(REPO, 'latest')).digest);
  const res = await stack.query(
    `{ publicRepository(alias: "acme", name: "team/api") { manifest(reference: "${signature?.digest}") { digest mediaType artifactType platforms { os } } } }`,
  );
  expect(res.data?.publicRepository).toEqual({
    manifest: {
      digest: signature?.digest,
      mediaType: signature?.mediaType,
      artifactType: signature?.artifactType,
      platforms: [],
    },
  });
});

test('os and architecture of an index fetch the index alone: no platform manifest, no blob', async () => {
  const res = await stack.query(
    imageQuery('latest', 'platforms { os architecture variant digest }'),
    {},
    { 'x-include-cost': '1' },
  );
  expect(res.errors).toBeUndefined();
  expect(stack.calls('RegistryBlob')).toBe(0);
  expect(fetched(stack, 'RegistryManifest')).toHaveLength(1);
  expect(registryCallsOf(res)).toEqual(registryLog(stack));
});

test('one digest asked twice in a request is fetched once; asked again, it costs no registry request', async () => {
  const query = `{ repository(name: "team/api", registryId: "${CONTENTS_REGISTRY_ID}") {
    a: image(tag: "latest") { platforms { sizeInBytes labels { key } } manifest { digest platforms { layers { digest } } } }
    b: image(tag: "2.0.0") { platforms { sizeInBytes created } } } }`;
  const first = await stack.query(query, {}, { 'x-include-cost': '1' });
  expect(first.errors).toBeUndefined();
  const references = fetched(stack, 'RegistryManifest');
  expect(new Set(references).size).toBe(references.length);
  expect(references).toHaveLength(3); // the index and its two platform manifests
  expect(fetched(stack, 'RegistryBlob')).toHaveLength(2);
  expect(registryCallsOf(first)).toEqual(registryLog(stack));

  stack.emulator.calls.reset();
  const again = await stack.query(query, {}, { 'x-include-cost': '1' });
  expect(again.data).toEqual(first.data);
  expect(registryCallsOf(again)).toBeUndefined();
  expect(Object.keys(registryLog(stack))).toEqual([]);
});

test('publicRepository walks every tag once, in byte order, each page one tags/list request', async () => {
  const tags = await served(stack.emulator).tags(REPO);
  stack.emulator.calls.reset();
  const seen: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const res = await stack.query(
      `query($after: String) { publicRepository(alias: "acme", name: "team/api") { uri tags(first: 3, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } }`,
      { after },
      { 'x-include-cost': '1' },
    );
    const page = dataOf<Json>(res, 'publicRepository').tags;
    seen.push(...page.edges.map((e: { node: { name: string } }) => e.node.name));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages++;
  } while (after);
  expect(seen).toEqual(tags);
  expect(pages).toBe(Math.ceil(tags.length / 3));
  // Each page: its tags/list, plus the existence check (the first page of 100, kept for the TTL).
  expect(stack.calls('RegistryTags')).toBe(pages + 1 + 1); // + the first request's 401 challenge
});

test('the cost limit prices registry requests: a manifest for each of 1000 tags is refused before any request', async () => {
  const res = await stack.query(
    '{ publicRepository(alias: "acme", name: "team/api") { tags(first: 1000) { edges { node { manifest { platforms { created } } } } } } }',
  );
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(stack.emulator.calls.count()).toBe(0);
});

test('the runtime budget stops registry requests past QUERY_MAX_COST, the fields past it failing alone', async () => {
  const tight = createStack({ fixture: contentsFixture(), limits: { maxCost: 5 } });
  const res = await tight.query(
    '{ publicRepository(alias: "acme", name: "team/api") { tags(first: 2) { edges { node { name manifest { digest } } } } } }',
  );
  const sent = tight.emulator.calls.all().filter((c) => c.operation.startsWith('Registry')).length;
  expect(sent).toBeLessThanOrEqual(5);
  const codes = (res.errors ?? []).map((e) => e.extensions?.code);
  expect(codes.length).toBeGreaterThan(0);
  expect(new Set(codes)).toEqual(new Set(['QUERY_TOO_COMPLEX']));
  expect(dataOf<Json>(res, 'publicRepository').tags.edges.map((e: Json) => e.node.name)).toEqual(['1.8.0', '1.9.0']);
});

test("GraphiQL's ImageCard runs on the demo catalog: the newest image's platforms, each with its pull size", async () => {
  const demo = createStack({ fixture: createDemoCatalog() });
  const res = await demo.query(
    exampleQuery.slice(exampleQuery.indexOf('query ImageCard'), exampleQuery.indexOf('subscription Changes')),
    {},
    { 'x-include-cost': '1' },
  );
  expect(res.errors).toBeUndefined();
  const image = dataOf<Json>(res, 'repository').latestImage;
  expect(image.platforms.length).toBeGreaterThan(1);
  for (const p of image.platforms) expect(p).toMatchObject({ os: 'linux', sizeInBytes: expect.any(Number) });
  expect(registryCallsOf(res)).toEqual(registryLog(demo));
});
