import {
  DescribeImagesCommand,
  DescribeImageTagsCommand,
  type ECRPUBLICClient,
  paginateDescribeImages,
} from '@aws-sdk/client-ecr-public';
import { createDemoCatalog, createEmulator, createSyntheticRepository } from '../../src/emulator';
import { digestOf, inProcessClient, OTHER, OWN, rejectionOf, smallFixture } from './sdk';

describe('DescribeImages', () => {
  const emulator = createEmulator(smallFixture());
  const client = inProcessClient(emulator);
  const describe = (
    input: Omit<ConstructorParameters<typeof DescribeImagesCommand>[0], 'repositoryName'> & { repositoryName?: string },
  ) => client.send(new DescribeImagesCommand({ repositoryName: 'web/frontend', ...input }));

  it('lists images in fixture order, with wire timestamps, exact sizes past 2^32 and no imageTags when untagged', async () => {
    const { imageDetails, nextToken } = await describe({});
    expect(nextToken).toBeUndefined();
    expect(imageDetails?.map((i) => i.imageDigest)).toEqual([1, 2, 3, 4, 5].map(digestOf));
    const [first, untagged, big, , last] = imageDetails ?? [];
    expect(first).toEqual({
      registryId: OWN,
      repositoryName: 'web/frontend',
      imageDigest: digestOf(1),
      imageTags: ['1.0.0'],
      imageSizeInBytes: 1000,
      imagePushedAt: new Date('2024-05-02T08:30:00Z'),
    });
    expect(untagged).not.toHaveProperty('imageTags');
    expect(big?.imageSizeInBytes).toBe(6_000_000_123);
    expect(big?.imagePushedAt).toEqual(new Date('2024-05-04T08:30:00.250Z'));
    expect(last).toMatchObject({
      imageTags: ['latest', '1.4.2'],
      imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactMediaType: 'application/vnd.oci.image.config.v1+json',
    });
  });

  it('pages with maxResults, a nextToken only while images remain', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    const tokens: (string | undefined)[] = [];
    do {
      const page = await describe({ maxResults: 2, ...(nextToken ? { nextToken } : {}) });
      seen.push(...(page.imageDetails ?? []).map((i) => i.imageDigest ?? ''));
      nextToken = page.nextToken;
      tokens.push(nextToken);
    } while (nextToken);
    expect(seen).toEqual([1, 2, 3, 4, 5].map(digestOf));
    expect(tokens.map((t) => typeof t)).toEqual(['string', 'string', 'undefined']);
  });

  it('pages 100 images at a time by default', async () => {
    const fixture = { registries: [{ registryId: OWN, repositories: [createSyntheticRepository('bench/big', 250)] }] };
    const big = inProcessClient(createEmulator(fixture));
    const sizes: number[] = [];
    for await (const page of paginateDescribeImages({ client: big }, { repositoryName: 'bench/big' })) {
      sizes.push(page.imageDetails?.length ?? 0);
    }
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('answers ids in no set order, each image once, by tag, digest or both', async () => {
    const imageIds = [
      { imageTag: 'latest' },
      { imageDigest: digestOf(1) },
      { imageTag: '1.4.2' },
      { imageDigest: digestOf(5), imageTag: 'latest' },
      { imageTag: 'git-3f2a91c' },
      { imageDigest: digestOf(2) },
      { imageTag: 'stable' },
    ];
    const { imageDetails, nextToken } = await describe({ imageIds });
    expect(nextToken).toBeUndefined();
    const digests = (imageDetails ?? []).map((i) => i.imageDigest);
    expect([...digests].sort()).toEqual([1, 2, 3, 4, 5].map(digestOf));
    expect(digests).not.toEqual([5, 1, 4, 2, 3].map(digestOf));
  });

  it.each([
    [{ imageTag: 'v9' }, "{imageDigest:'null', imageTag:'v9'}"],
    [{ imageDigest: digestOf(77) }, `{imageDigest:'${digestOf(77)}', imageTag:'null'}`],
    [{ imageDigest: digestOf(1), imageTag: 'latest' }, `{imageDigest:'${digestOf(1)}', imageTag:'latest'}`],
  ])('fails the whole call when one id is missing: %j', async (missing, shown) => {
    const error = await rejectionOf(describe({ imageIds: [{ imageTag: 'latest' }, missing, { imageTag: 'stable' }] }));
    expect(error.name).toBe('ImageNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      `The image with imageId ${shown} does not exist within the repository with name 'web/frontend' in the registry with id '${OWN}'`,
    );
  });

  it('refuses ids combined with maxResults or nextToken, and ids naming nothing', async () => {
    const { nextToken } = await describe({ maxResults: 1 });
    for (const input of [
      { imageIds: [{ imageTag: 'latest' }], maxResults: 5 },
      { imageIds: [{ imageTag: 'latest' }], nextToken },
      { imageIds: [{}] },
    ]) {
      const error = await rejectionOf(describe(input));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toMatch(/^Invalid parameter at 'imageIds' failed to satisfy constraint: '.+'$/);
    }
  });

  it('refuses forged, tampered and foreign tokens', async () => {
    const { nextToken = '' } = await describe({ maxResults: 1 });
    const [payload, mac] = nextToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ p: 3 })).toString('base64url');
    const { nextToken: tagsToken } = await client.send(
      new DescribeImageTagsCommand({ repositoryName: 'web/frontend', maxResults: 1 }),
    );
    const tampered = `${payload}.${mac?.startsWith('A') ? 'B' : 'A'}${mac?.slice(1)}`;
    for (const token of ['garbage', `${forgedPayload}.${mac}`, tampered, `${payload}`, tagsToken ?? '']) {
      const error = await rejectionOf(describe({ nextToken: token }));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toBe("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
    }
    // A token of one repository is foreign to another.
    const other = await rejectionOf(describe({ repositoryName: 'web/backend', nextToken }));
    expect(other.name).toBe('InvalidParameterException');
  });

  it('answers RepositoryNotFoundException for an unknown repository or registry', async () => {
    const missing = await rejectionOf(describe({ repositoryName: 'web/nope' }));
    expect(missing.name).toBe('RepositoryNotFoundException');
    expect(missing.message).toBe(`The repository with name 'web/nope' does not exist in the registry with id '${OWN}'`);
    const foreign = await rejectionOf(describe({ registryId: '999999999999' }));
    expect(foreign.message).toBe(
      "The repository with name 'web/frontend' does not exist in the registry with id '999999999999'",
    );
  });

  it('reads another registry when registryId names it', async () => {
    const { imageDetails } = await describe({ registryId: OTHER, repositoryName: 'lumen/cli' });
    expect(imageDetails?.map((i) => [i.registryId, i.imageDigest])).toEqual([[OTHER, digestOf(99)]]);
  });
});

describe('DescribeImages over the demo catalog', () => {
  const demo = createDemoCatalog();
  const client: ECRPUBLICClient = inProcessClient(createEmulator(demo));

  it('walks all of platform/ci-runner with paginateDescribeImages, every image once, in order', async () => {
    const expected =
      demo.registries[0]?.repositories.find((r) => r.repositoryName === 'platform/ci-runner')?.images ?? [];
    expect(expected.length).toBeGreaterThanOrEqual(2500);
    const digests: string[] = [];
    for await (const page of paginateDescribeImages(
      { client, pageSize: 1000 },
      { repositoryName: 'platform/ci-runner' },
    )) {
      digests.push(...(page.imageDetails ?? []).map((i) => i.imageDigest ?? ''));
    }
    expect(digests).toEqual(expected.map((i) => i.imageDigest));
    expect(new Set(digests).size).toBe(digests.length);
  });
});
