import { encodeId } from '../../src/schema/support/global-id';
import { APP_CATALOG, catalogFixture, galleryFixture } from '../helpers/catalog-fixture';
import { dataOf } from '../helpers/data';
import { digestOf, OTHER_REGISTRY_ID, REGISTRY_ID } from '../helpers/fixture';
import { createStack } from '../helpers/stack';

describe('Repository.catalogData and Repository.resourceTags', () => {
  it('answers catalog data and resource tags, one call each', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{
      repository(name: "gallery/app") {
        catalogData { description architectures operatingSystems logoUrl aboutText usageText marketplaceCertified }
        resourceTags { key value }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.repository).toEqual({
      catalogData: APP_CATALOG,
      resourceTags: [
        { key: 'team', value: 'web' },
        { key: 'env', value: '' },
      ],
    });
    expect(stack.calls('GetRepositoryCatalogData')).toBe(1);
    expect(stack.calls('ListTagsForResource')).toBe(1);
    const tagCall = stack.emulator.calls.all().find((call) => call.operation === 'ListTagsForResource');
    expect(tagCall?.input).toEqual({ resourceArn: `arn:aws:ecr-public::${REGISTRY_ID}:repository/gallery/app` });
  });

  it.each([
    ['the emulator answers RepositoryCatalogDataNotFoundException', 'web/frontend', 'CATALOG_DATA_NOT_FOUND'],
    ['the catalog data is empty', 'gallery/blank', 'ok'],
  ])('answers null and no error where %s', async (_label, name, outcome) => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(
      `query($name: String!) { repository(name: $name) { catalogData { description } resourceTags { key } } }`,
      { name },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.repository).toEqual({ catalogData: null, resourceTags: [] });
    expect(stack.calls('GetRepositoryCatalogData')).toBe(1);
    // Counted as an answer, not as an internal error, by the upstream metrics.
    const metrics = await stack.metrics.registry.metrics();
    expect(metrics).toContain(
      `ecr_public_upstream_calls_total{operation="GetRepositoryCatalogData",outcome="${outcome}"} 1`,
    );
  });

  it('asks once per repository however often a request names it', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{
      a: repository(name: "gallery/app") { catalogData { description } resourceTags { key } }
      b: repository(name: "gallery/app") { catalogData { logoUrl } resourceTags { value } }
      c: repository(name: "gallery/app", registryId: "${REGISTRY_ID}") { catalogData { description } }
      d: repository(name: "web/frontend") { catalogData { description } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(stack.calls('GetRepositoryCatalogData')).toBe(2);
    expect(stack.calls('ListTagsForResource')).toBe(1);
  });

  it('lists fifty repositories with catalog data and latest image for 1 + 50 + 50 calls, then 0 from the cache', async () => {
    // A rate limit past 101 calls a second: this test counts calls, not waits.
    const stack = createStack({ fixture: galleryFixture(50), upstream: { maxRps: 1000 } });
    const query = `{
      repositories(first: 50) {
        edges { node { repositoryName catalogData { description logoUrl architectures } latestImage { imageTags } } }
      }
    }`;
    const response = await stack.query(query);
    expect(response.errors).toBeUndefined();
    const edges = dataOf<{
      edges: { node: { repositoryName: string; catalogData: { description: string }; latestImage: unknown } }[];
    }>(response, 'repositories').edges;
    expect(edges).toHaveLength(50);
    edges.forEach((edge, i) => {
      expect(edge.node.catalogData.description).toBe(`Repository ${i}`);
      expect(edge.node.latestImage).toEqual({ imageTags: ['v2'] });
    });
    expect(stack.calls('DescribeRepositories')).toBe(1);
    expect(stack.calls('GetRepositoryCatalogData')).toBe(50);
    expect(stack.calls('DescribeImages')).toBe(50);
    expect(stack.calls()).toBe(101);
    await stack.query(query);
    expect(stack.calls()).toBe(101);
  });
});

describe('Image.pullReferences', () => {
  it('gives a reference per tag and one by digest, from the repository URI', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const response = await stack.query(`{
      repository(name: "mixed/order") {
        tagged: image(tag: "latest") { pullReferences }
        untagged: image(digest: "${digestOf('mixed#c')}") { pullReferences }
      }
      elsewhere: repository(name: "elsewhere", registryId: "${OTHER_REGISTRY_ID}") {
        image(tag: "v0") { pullReferences }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const uri = 'public.ecr.aws/testco/mixed/order';
    expect(response.data).toEqual({
      repository: {
        tagged: { pullReferences: [`${uri}:1.4.2`, `${uri}:latest`, `${uri}@${digestOf('mixed#a')}`] },
        untagged: { pullReferences: [`${uri}@${digestOf('mixed#c')}`] },
      },
      elsewhere: {
        image: {
          pullReferences: [
            `public.ecr.aws/${OTHER_REGISTRY_ID}/elsewhere:v0`,
            `public.ecr.aws/${OTHER_REGISTRY_ID}/elsewhere@${digestOf('elsewhere#0')}`,
          ],
        },
      },
    });
    // The repositories were already loaded by their own lookups: no second DescribeRepositories each.
    expect(stack.calls('DescribeRepositories')).toBe(2);
    expect(stack.calls('DescribeImages')).toBe(2);
  });

  it('loads the repositories of images fetched by id through one batched call', async () => {
    const stack = createStack({ fixture: catalogFixture() });
    const encode = (name: string, seed: string) => encodeId('Image', `${REGISTRY_ID}:${name}@${digestOf(seed)}`);
    const ids = [encode('web/frontend', 'web/frontend#1'), encode('web/backend', 'web/backend#2')];
    const response = await stack.query('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Image { pullReferences } } }', {
      ids,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.nodes).toEqual([
      {
        pullReferences: [
          'public.ecr.aws/testco/web/frontend:v1',
          `public.ecr.aws/testco/web/frontend@${digestOf('web/frontend#1')}`,
        ],
      },
      {
        pullReferences: [
          'public.ecr.aws/testco/web/backend:v2',
          `public.ecr.aws/testco/web/backend@${digestOf('web/backend#2')}`,
        ],
      },
    ]);
    expect(stack.calls('DescribeRepositories')).toBe(1);
    expect(stack.calls('DescribeImages')).toBe(2);
  });
});
