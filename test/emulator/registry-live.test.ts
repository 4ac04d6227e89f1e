/**
 * The registry reads the live catalog: after every push, untag and delete of the control API,
 * DescribeImages, DescribeImageTags and the registry agree on tags and digests.
 */
import { DescribeImagesCommand, DescribeImageTagsCommand } from '@aws-sdk/client-ecr-public';
import { createEmulator, type Emulator, type FixtureImage, type Listening } from '../../src/emulator';
import { REGISTRY_FIXTURE_ID, registryFixture } from '../helpers/registry-fixture';
import { type RegistryGet, registryGet, resolve, sha256, tagList } from '../helpers/registry-http';
import { inProcessClient } from './sdk';

const REPO = 'acme/web/frontend';
let emulator: Emulator;
let server: Listening;
let get: RegistryGet;

beforeAll(async () => {
  emulator = createEmulator(registryFixture());
  server = await emulator.listen();
  get = await registryGet(server.url);
});
afterAll(() => server.close());

const target = { registryId: REGISTRY_FIXTURE_ID, repositoryName: 'web/frontend' };

/** What the AWS API says: tag -> digest, from DescribeImageTags, and every digest DescribeImages lists. */
async function awsView(): Promise<{ tags: Record<string, string>; digests: string[] }> {
  const client = inProcessClient(emulator);
  const { imageTagDetails = [] } = await client.send(new DescribeImageTagsCommand(target));
  const { imageDetails = [] } = await client.send(new DescribeImagesCommand(target));
  const tags = Object.fromEntries(imageTagDetails.map((t) => [t.imageTag, t.imageDetail?.imageDigest]));
  return { tags, digests: imageDetails.map((i) => i.imageDigest ?? '') };
}

/** The registry agrees: the same tags in byte order, each resolving to DescribeImageTags' digest. */
async function expectAgreement(): Promise<Record<string, string>> {
  const { tags, digests } = await awsView();
  const names = Object.keys(tags).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  expect(await tagList(get, REPO)).toEqual(names);
  for (const [tag, digest] of Object.entries(tags)) expect(await resolve(get, REPO, tag)).toBe(digest);
  for (const digest of digests) expect(await resolve(get, REPO, digest)).toBe(digest);
  return tags;
}

const newImage = (tags: string[], layer: number): FixtureImage => ({
  imageTags: tags,
  content: {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    platforms: [{ os: 'linux', architecture: 'amd64', layers: [layer] }],
  },
});

test('a pushed image is served by its tags and digest, a moved tag resolves to its new image', async () => {
  const before = await expectAgreement();
  const pushed = emulator.control.push({ ...target, image: newImage(['latest', 'next'], 4321) });
  const after = await expectAgreement();
  expect(after.latest).toBe(pushed.imageDigest);
  expect(after.next).toBe(pushed.imageDigest);
  expect(after.latest).not.toBe(before.latest);
  // The digest is the sha256 of the bytes served, and the pushed layer is fetchable.
  const res = await get(`/v2/${REPO}/manifests/next`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(sha256(bytes)).toBe(pushed.imageDigest);
  const layer = JSON.parse(Buffer.from(bytes).toString()).layers[0];
  const redirect = await get(`/v2/${REPO}/blobs/${layer.digest}`);
  const blob = new Uint8Array(await (await fetch(redirect.headers.get('location') as string)).arrayBuffer());
  expect([sha256(blob), blob.length]).toEqual([layer.digest, 4321]);
});

test('untag over the HTTP control API: the tag is gone from tags/list and MANIFEST_UNKNOWN, the digest stays', async () => {
  const digest = (await awsView()).tags['1.3.0'] as string;
  const res = await fetch(`${server.url}/__control/untag`, {
    method: 'POST',
    body: JSON.stringify({ ...target, tag: '1.3.0' }),
  });
  expect(res.status).toBe(200);
  await expectAgreement();
  expect(await resolve(get, REPO, '1.3.0')).toBe('MANIFEST_UNKNOWN');
  expect(await resolve(get, REPO, digest)).toBe(digest);
  // Under the registry's other alias too.
  expect(await resolve(get, 'acme-old/web/frontend', digest)).toBe(digest);
});

test('delete: the image and its tags are gone from the registry as from DescribeImages', async () => {
  const digest = (await awsView()).tags['t-a'] as string;
  expect(emulator.control.delete({ ...target, imageDigest: digest })).toEqual(['t-a']);
  const tags = await expectAgreement();
  expect(Object.values(tags)).not.toContain(digest);
  expect(await resolve(get, REPO, digest)).toBe('MANIFEST_UNKNOWN');
  expect(await resolve(get, REPO, 't-a')).toBe('MANIFEST_UNKNOWN');
});

test('re-pushing a digest with new tags retags it, without a second image', async () => {
  const digest = (await awsView()).tags['t-b'] as string;
  // Content that does not build the digest it names is refused.
  expect(() => emulator.control.push({ ...target, image: { ...newImage(['t-b2'], 1), imageDigest: digest } })).toThrow(
    /image\.imageDigest: differs from the digest of its content's manifest/,
  );
  const image = emulator.control.push({ ...target, image: { imageDigest: digest, imageTags: ['t-b2'] } });
  expect(image.imageDigest).toBe(digest);
  const { tags, digests } = await awsView();
  expect(digests.filter((d) => d === digest)).toHaveLength(1);
  expect(tags['t-b2']).toBe(digest);
  expect(tags['t-b']).toBeUndefined();
  await expectAgreement();
});
