import {
  DescribeImagesCommand,
  DescribeRegistriesCommand,
  DescribeRepositoriesCommand,
  GetRepositoryCatalogDataCommand,
  paginateDescribeImages,
} from '@aws-sdk/client-ecr-public';
import { createDemoCatalog, createEmulator, createSyntheticRepository } from '../../src/emulator';
import { inProcessClient, rejectionOf } from './sdk';

describe('the demo catalog', () => {
  const client = inProcessClient(createEmulator(createDemoCatalog()));

  it('is deterministic', () => {
    expect(createDemoCatalog()).toEqual(createDemoCatalog());
    expect(createSyntheticRepository('bench/x', 50)).toEqual(createSyntheticRepository('bench/x', 50));
    expect(createSyntheticRepository('bench/x', 10_000).images).toHaveLength(10_000);
  });

  it('shows a newcomer two registries, nested repositories, catalog data and the lack of it', async () => {
    const { registries } = await client.send(new DescribeRegistriesCommand({}));
    expect(registries?.map((r) => [r.registryId, r.aliases?.[0]?.name, r.verified])).toEqual([
      ['123456789012', 'acme', true],
      ['210987654321', 'lumen', false],
    ]);
    const { repositories = [] } = await client.send(new DescribeRepositoriesCommand({}));
    expect(repositories.length).toBeGreaterThanOrEqual(12);
    expect(repositories.map((r) => r.repositoryName)).toEqual(
      expect.arrayContaining(['web/frontend', 'data/etl-worker', 'platform/base-images/node', 'platform/ci-runner']),
    );
    const catalog = async (repositoryName: string) =>
      client.send(new GetRepositoryCatalogDataCommand({ repositoryName })).then(
        (r) => r.catalogData,
        (e: Error) => e.name,
      );
    const node = await catalog('platform/base-images/node');
    expect(node).toMatchObject({
      architectures: ['x86-64', 'ARM 64'],
      operatingSystems: ['Linux'],
      marketplaceCertified: true,
    });
    expect(node).toHaveProperty('logoUrl');
    expect(typeof node === 'object' && node.aboutText?.startsWith('# ')).toBe(true);
    expect(await catalog('platform/base-images/windows-servercore')).toMatchObject({ operatingSystems: ['Windows'] });
    expect(await catalog('web/docs-site')).toBe('RepositoryCatalogDataNotFoundException');
  });

  it('holds one repository of 2,500+ images, indexes and manifests, untagged images and sizes past 4 GiB', async () => {
    const all = [];
    for await (const page of paginateDescribeImages(
      { client, pageSize: 1000 },
      { repositoryName: 'platform/ci-runner' },
    )) {
      all.push(...(page.imageDetails ?? []));
    }
    expect(all.length).toBeGreaterThanOrEqual(2500);
    expect(all.some((i) => i.imageTags === undefined)).toBe(true);
    expect(all.filter((i) => i.imageTags?.includes('latest'))).toHaveLength(1);
    expect(all.some((i) => i.imageTags?.some((t) => /^git-[0-9a-f]{7}$/.test(t)))).toBe(true);
    expect(all.some((i) => i.imageTags?.some((t) => /^\d+\.\d+\.\d+$/.test(t)))).toBe(true);
    expect(new Set(all.map((i) => i.imageManifestMediaType))).toEqual(
      new Set([
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
      ]),
    );
    const { imageDetails = [] } = await client.send(new DescribeImagesCommand({ repositoryName: 'ml/model-server' }));
    expect(imageDetails.some((i) => (i.imageSizeInBytes ?? 0) > 2 ** 32)).toBe(true);
    const { imageDetails: tiny = [] } = await client.send(
      new DescribeImagesCommand({ repositoryName: 'tools/healthcheck' }),
    );
    expect(tiny.every((i) => (i.imageSizeInBytes ?? 0) < 1_000_000)).toBe(true);
    expect((await rejectionOf(client.send(new DescribeImagesCommand({ repositoryName: 'web/nope' })))).name).toBe(
      'RepositoryNotFoundException',
    );
  });
});
