import {
  DescribeImageTagsCommand,
  DescribeRegistriesCommand,
  GetRegistryCatalogDataCommand,
  paginateDescribeImageTags,
} from '@aws-sdk/client-ecr-public';
import { createEmulator } from '../../src/emulator';
import { digestOf, inProcessClient, OTHER, OWN, rejectionOf, smallFixture } from './sdk';

describe('registry operations', () => {
  const client = inProcessClient(createEmulator(smallFixture()));

  it('DescribeRegistries lists every registry, the caller’s first, paged', async () => {
    const first = await client.send(new DescribeRegistriesCommand({ maxResults: 1 }));
    expect(first.registries).toEqual([
      {
        registryId: OWN,
        registryArn: `arn:aws:ecr-public::${OWN}:registry/${OWN}`,
        registryUri: 'public.ecr.aws/acme',
        verified: true,
        aliases: [{ name: 'acme', status: 'ACTIVE', primaryRegistryAlias: true, defaultRegistryAlias: true }],
      },
    ]);
    const second = await client.send(new DescribeRegistriesCommand({ maxResults: 1, nextToken: first.nextToken }));
    expect(second.nextToken).toBeUndefined();
    expect(second.registries).toEqual([
      {
        registryId: OTHER,
        registryArn: `arn:aws:ecr-public::${OTHER}:registry/${OTHER}`,
        registryUri: `public.ecr.aws/${OTHER}`,
        verified: false,
        aliases: [],
      },
    ]);
  });

  it('GetRegistryCatalogData answers the caller’s display name', async () => {
    const { registryCatalogData } = await client.send(new GetRegistryCatalogDataCommand({}));
    expect(registryCatalogData).toEqual({ displayName: 'Acme' });
  });
});

describe('DescribeImageTags', () => {
  const client = inProcessClient(createEmulator(smallFixture()));

  it('lists every tag, images in fixture order, with the image it points to', async () => {
    const { imageTagDetails, nextToken } = await client.send(
      new DescribeImageTagsCommand({ repositoryName: 'web/frontend' }),
    );
    expect(nextToken).toBeUndefined();
    expect(imageTagDetails?.map((t) => t.imageTag)).toEqual([
      '1.0.0',
      '1.1.0',
      'stable',
      'git-3f2a91c',
      'latest',
      '1.4.2',
    ]);
    expect(imageTagDetails?.[4]).toEqual({
      imageTag: 'latest',
      createdAt: new Date('2024-05-06T08:30:00Z'),
      imageDetail: {
        imageDigest: digestOf(5),
        imageSizeInBytes: 48213497,
        imagePushedAt: new Date('2024-05-06T08:30:00Z'),
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactMediaType: 'application/vnd.oci.image.config.v1+json',
      },
    });
  });

  it('pages like DescribeImages', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeImageTags({ client, pageSize: 4 }, { repositoryName: 'web/frontend' })) {
      pages.push((page.imageTagDetails ?? []).map((t) => t.imageTag ?? ''));
    }
    expect(pages).toEqual([
      ['1.0.0', '1.1.0', 'stable', 'git-3f2a91c'],
      ['latest', '1.4.2'],
    ]);
  });

  it('answers RepositoryNotFoundException and refuses a foreign token', async () => {
    const missing = await rejectionOf(client.send(new DescribeImageTagsCommand({ repositoryName: 'web/nope' })));
    expect(missing.name).toBe('RepositoryNotFoundException');
    const { nextToken } = await client.send(
      new DescribeImageTagsCommand({ repositoryName: 'web/frontend', maxResults: 1 }),
    );
    const foreign = await rejectionOf(
      client.send(new DescribeImageTagsCommand({ repositoryName: 'lumen/cli', registryId: OTHER, nextToken })),
    );
    expect(foreign.name).toBe('InvalidParameterException');
  });
});
