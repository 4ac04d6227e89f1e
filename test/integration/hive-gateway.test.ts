/**
 * Hive Gateway, a router teams run, in-process over our subgraph and a second one
 * (test/helpers/hive-router.ts): it joins `Image` and `Repository` both ways, and its demand
 * control prices our fields from the SDL's @cost and @listSize (CONTRACT.md "Federation
 * (addendum): demand control"), refusing an over-budget query before any subgraph request, with
 * maxCost = 100 x QUERY_MAX_COST. Upstream cost is read from the emulator's call log.
 */
import { createDemoCatalog } from '../../src/emulator';
import { exampleQuery } from '../../src/graphiql-example';
import { dataOf } from '../helpers/data';
import { digestOf, REGISTRY_ID } from '../helpers/fixture';
import { type Composer, type HiveRouter, ROUTER_MAX_COST, startHiveRouter } from '../helpers/hive-router';
import type { GraphQLResponse } from '../helpers/stack';

const imageKey = (repositoryName: string, i: number) => ({
  registryId: REGISTRY_ID,
  repositoryName,
  imageDigest: digestOf(`${repositoryName}#${i}`),
});

const costOf = (response: GraphQLResponse): number | undefined =>
  (response.extensions?.cost as { estimated?: number } | undefined)?.estimated;

const OURS_TO_THEIRS = /* GraphQL */ `{
  repository(name: "web/frontend") {
    repositoryName
    deploymentCount
    images(first: 3) { edges { node { imageDigest imageTags scanFindings { cve } deployments(first: 5) { edges { node { environment } } } } } }
  }
}`;

const THEIRS_TO_OURS = '{ recentDeployments { id image { imageTags repository { repositoryUri deploymentCount } } } }';

async function withRouter(composer: Composer, run: (router: HiveRouter) => Promise<void>) {
  const router = await startHiveRouter({ composer, stack: { limits: { maxCost: 1000 } } });
  try {
    await run(router);
  } finally {
    await router.close();
  }
}

describe.each<Composer>(['guild', 'apollo'])('Hive Gateway on the supergraph composed by %s', (composer) => {
  it('joins our Repository and Image to the deployments subgraph and back, one batched lookup each way', async () => {
    await withRouter(composer, async (router) => {
      router.records.push(
        { id: 'd0', environment: 'production', image: imageKey('web/frontend', 0) },
        { id: 'd1', environment: 'staging', image: imageKey('web/frontend', 1) },
        { id: 'd2', environment: 'production', image: imageKey('web/backend', 2) },
      );
      const forward = await router.query(OURS_TO_THEIRS);
      expect(forward.errors).toBeUndefined();
      expect(forward.data?.repository).toMatchObject({ repositoryName: 'web/frontend', deploymentCount: 2 });
      const edges = dataOf<{ images: { edges: { node: Record<string, unknown> }[] } }>(forward, 'repository').images
        .edges;
      expect(edges.map((edge) => [edge.node.imageTags, edge.node.deployments])).toEqual([
        [['v0'], { edges: [{ node: { environment: 'production' } }] }],
        [['v1'], { edges: [{ node: { environment: 'staging' } }] }],
        [['v2'], { edges: [] }],
      ]);
      // The repository and its page: one lookup and one DescribeImages; the deployments subgraph
      // resolved the three images and the repository by their keys.
      expect(router.stack.calls()).toBe(2);
      expect(router.deployments.references.Image).toHaveLength(3);
      expect(router.deployments.references.Repository).toEqual([
        { __typename: 'Repository', registryId: REGISTRY_ID, repositoryName: 'web/frontend' },
      ]);

      const before = router.stack.calls('DescribeImages');
      const back = await router.query(THEIRS_TO_OURS);
      expect(back.errors).toBeUndefined();
      expect(back.data?.recentDeployments).toEqual([
        {
          id: 'd0',
          image: {
            imageTags: ['v0'],
            repository: { repositoryUri: 'public.ecr.aws/testco/web/frontend', deploymentCount: 2 },
          },
        },
        {
          id: 'd1',
          image: {
            imageTags: ['v1'],
            repository: { repositoryUri: 'public.ecr.aws/testco/web/frontend', deploymentCount: 2 },
          },
        },
        {
          id: 'd2',
          image: {
            imageTags: ['v2'],
            repository: { repositoryUri: 'public.ecr.aws/testco/web/backend', deploymentCount: 1 },
          },
        },
      ]);
      // Three images of two repositories through `_entities`: one DescribeImages per repository.
      expect(router.stack.calls('DescribeImages') - before).toBe(2);
    });
  });

  it('prices an ordinary query from @cost/@listSize and refuses 1000 x 1000 images before any subgraph request', async () => {
    await withRouter(composer, async (router) => {
      const ordinary = await router.query(
        '{ repository(name: "web/frontend") { repositoryUri images(first: 2) { edges { node { imageTags } } } } }',
      );
      expect(ordinary.errors).toBeUndefined();
      expect(ordinary.data?.repository).toMatchObject({ repositoryUri: 'public.ecr.aws/testco/web/frontend' });
      // The gateway's own estimate: a lookup and a page, about 2 calls; 200 hundredths and a few objects.
      expect(costOf(ordinary)).toBeGreaterThanOrEqual(200);
      expect(costOf(ordinary)).toBeLessThan(300);
      expect(router.stack.calls()).toBe(2);

      const requests = { ...router.requests };
      const huge = await router.query(
        '{ repositories(first: 1000) { edges { node { repositoryName images(first: 1000) { edges { node { imageDigest } } } } } } }',
      );
      expect(huge.data ?? null).toBeNull();
      expect(huge.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
      expect(huge.errors?.[0]?.message).toMatch(/exceeded configured maximum 100000/);
      expect(router.requests).toEqual(requests);
      expect(router.stack.calls()).toBe(2);
    });
  });
});

describe('Hive Gateway pricing nodes(ids:)', () => {
  it('assumes the most ids a nodes field takes: a page under it is refused, a plain lookup is not', async () => {
    const router = await startHiveRouter();
    try {
      const listed = await router.query('{ repositories(first: 2) { edges { node { id } } } }');
      const ids = dataOf<{ edges: { node: { id: string } }[] }>(listed, 'repositories').edges.map((e) => e.node.id);
      const before = router.stack.calls();
      const plain = await router.query('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { variables: { ids } });
      expect(plain.errors).toBeUndefined();
      // 1000 assumed nodes at 1 (a hundredth of a call: 100 ids a call) + 1 an object: about 20 calls.
      expect(costOf(plain)).toBe(2000);
      expect(router.stack.calls() - before).toBe(1);

      const requests = { ...router.requests };
      const paged = await router.query(
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Repository { images(first: 10) { edges { node { imageDigest } } } } } }',
        { variables: { ids } },
      );
      expect(paged.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
      expect(router.requests).toEqual(requests);
    } finally {
      await router.close();
    }
  });
});

describe('Hive Gateway and the GraphiQL examples', () => {
  it('serves each example operation as the gateway itself does, within the router budget', async () => {
    const router = await startHiveRouter({ stack: { fixture: createDemoCatalog(), upstream: { maxRps: 1000 } } });
    try {
      for (const operationName of ['Gallery', 'NewestImages']) {
        const routed = await router.query(exampleQuery, { operationName });
        expect([operationName, routed.errors]).toEqual([operationName, undefined]);
        expect(costOf(routed)).toBeLessThan(ROUTER_MAX_COST);
        const direct = await router.stack.gateway.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: exampleQuery, operationName }),
        });
        expect(routed.data).toEqual(((await direct.json()) as GraphQLResponse).data);
      }
    } finally {
      await router.close();
    }
  });
});
