import {
  DescribeRepositoriesCommand,
  GetRepositoryCatalogDataCommand,
  ListTagsForResourceCommand,
  paginateDescribeRepositories,
} from '@aws-sdk/client-ecr-public';
import { createEmulator } from '../../src/emulator';
import { inProcessClient, OTHER, OWN, rejectionOf, smallFixture } from './sdk';

describe('repository operations', () => {
  const client = inProcessClient(createEmulator(smallFixture()));

  it('DescribeRepositories lists the caller’s registry in fixture order, with ARN, URI and createdAt', async () => {
    const { repositories, nextToken } = await client.send(new DescribeRepositoriesCommand({}));
    expect(nextToken).toBeUndefined();
    expect(repositories?.map((r) => r.repositoryName)).toEqual(['web/frontend', 'web/backend', 'data/etl']);
    expect(repositories?.[0]).toEqual({
      repositoryArn: `arn:aws:ecr-public::${OWN}:repository/web/frontend`,
      registryId: OWN,
      repositoryName: 'web/frontend',
      repositoryUri: 'public.ecr.aws/acme/web/frontend',
      createdAt: new Date('2024-05-01T12:00:00Z'),
    });
    expect(repositories?.[2]).not.toHaveProperty('createdAt');
  });

  it('DescribeRepositories pages, and uses the registry id where a registry has no primary alias', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeRepositories({ client, pageSize: 2 }, {})) {
      pages.push((page.repositories ?? []).map((r) => r.repositoryName ?? ''));
    }
    expect(pages).toEqual([['web/frontend', 'web/backend'], ['data/etl']]);
    const { repositories } = await client.send(new DescribeRepositoriesCommand({ registryId: OTHER }));
    expect(repositories?.map((r) => r.repositoryUri)).toEqual([`public.ecr.aws/${OTHER}/lumen/cli`]);
  });

  it('DescribeRepositories by name answers each once in no set order, and fails whole on a missing one', async () => {
    const repositoryNames = ['data/etl', 'web/backend', 'web/frontend', 'data/etl'];
    const { repositories } = await client.send(new DescribeRepositoriesCommand({ repositoryNames }));
    const names = (repositories ?? []).map((r) => r.repositoryName);
    expect([...names].sort()).toEqual(['data/etl', 'web/backend', 'web/frontend']);
    expect(names).not.toEqual(['data/etl', 'web/backend', 'web/frontend']);
    const error = await rejectionOf(
      client.send(new DescribeRepositoriesCommand({ repositoryNames: ['web/frontend', 'web/nope', 'web/gone'] })),
    );
    expect(error.name).toBe('RepositoryNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`The repository with name 'web/nope' does not exist in the registry with id '${OWN}'`);
  });

  it('DescribeRepositories refuses names combined with paging, and lists an unknown registry as empty', async () => {
    const error = await rejectionOf(
      client.send(new DescribeRepositoriesCommand({ repositoryNames: ['web/frontend'], maxResults: 1 })),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect((await client.send(new DescribeRepositoriesCommand({ registryId: '999999999999' }))).repositories).toEqual(
      [],
    );
    const missing = await rejectionOf(
      client.send(new DescribeRepositoriesCommand({ registryId: '999999999999', repositoryNames: ['web/frontend'] })),
    );
    expect(missing.message).toBe(
      "The repository with name 'web/frontend' does not exist in the registry with id '999999999999'",
    );
  });

  it('GetRepositoryCatalogData answers the catalog data, or RepositoryCatalogDataNotFoundException without any', async () => {
    const { catalogData } = await client.send(new GetRepositoryCatalogDataCommand({ repositoryName: 'web/frontend' }));
    expect(catalogData).toEqual({
      description: 'The storefront',
      architectures: ['x86-64', 'ARM 64'],
      operatingSystems: ['Linux'],
    });
    const none = await rejectionOf(client.send(new GetRepositoryCatalogDataCommand({ repositoryName: 'web/backend' })));
    expect(none.name).toBe('RepositoryCatalogDataNotFoundException');
    expect(none.$metadata.httpStatusCode).toBe(400);
    expect(none.message).toContain("'web/backend'");
    const unknown = await rejectionOf(client.send(new GetRepositoryCatalogDataCommand({ repositoryName: 'web/nope' })));
    expect(unknown.name).toBe('RepositoryNotFoundException');
  });

  it('ListTagsForResource answers a repository’s tags by its ARN', async () => {
    const arn = (registryId: string, name: string) => `arn:aws:ecr-public::${registryId}:repository/${name}`;
    const send = (resourceArn: string) => client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect((await send(arn(OWN, 'web/frontend'))).tags).toEqual([{ Key: 'team', Value: 'web' }]);
    expect((await send(arn(OWN, 'web/backend'))).tags).toEqual([]);
    const unknown = await rejectionOf(send(arn(OTHER, 'web/frontend')));
    expect(unknown.name).toBe('RepositoryNotFoundException');
    expect(unknown.message).toBe(
      `The repository with name 'web/frontend' does not exist in the registry with id '${OTHER}'`,
    );
    for (const bad of [
      'web/frontend',
      `arn:aws:ecr::${OWN}:repository/web/frontend`,
      `arn:aws:ecr-public::${OWN}:registry/${OWN}`,
    ]) {
      const error = await rejectionOf(send(bad));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toBe("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'");
    }
  });
});
