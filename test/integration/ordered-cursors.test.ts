import { digestOf, images, testFixture } from '../helpers/fixture';
import { oneCharacterOff, samplePositions } from '../helpers/one-character-off';
import { big, NEWEST_FIRST, PAGE, pageOf, walk } from '../helpers/ordered-listing';
import { createStack, type Stack } from '../helpers/stack';

describe('cursors of an ordered listing', () => {
  const grown = () => {
    const fixture = testFixture();
    const repo = fixture.registries[0]?.repositories.find((r) => r.repositoryName === 'web/frontend');
    if (repo) repo.images = images('web/frontend', 41);
    return fixture;
  };
  const firstPage = async (stack: Stack) =>
    pageOf(await stack.query(PAGE, { name: 'web/frontend', first: 5, orderBy: NEWEST_FIRST }));

  it('stay valid when the listing is fetched again unchanged (cache off)', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0 } });
    const { digests } = await walk(stack, { name: 'web/frontend', first: 15, orderBy: NEWEST_FIRST });
    expect(digests).toEqual(Array.from({ length: 40 }, (_, i) => digestOf(`web/frontend#${39 - i}`)));
    // No cache: each of the 3 pages fetched the listing again.
    expect(stack.calls('DescribeImages')).toBe(3);
  });

  it('are refused as expired once the listing has changed, rather than skip or repeat', async () => {
    const before = await firstPage(createStack());
    // Another gateway with the same cursor key, whose repository has had an image pushed since.
    const later = createStack({ fixture: grown() });
    const response = await later.query(PAGE, {
      name: 'web/frontend',
      first: 5,
      orderBy: NEWEST_FIRST,
      after: before.pageInfo.endCursor,
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/expired/);
    // While an unchanged listing, fetched by a third gateway, accepts it.
    const same = createStack();
    const resumed = pageOf(
      await same.query(PAGE, {
        name: 'web/frontend',
        first: 2,
        orderBy: NEWEST_FIRST,
        after: before.pageInfo.endCursor,
      }),
    );
    expect(resumed.edges.map((edge) => edge.node.imageDigest)).toEqual([
      digestOf('web/frontend#34'),
      digestOf('web/frontend#33'),
    ]);
  });

  it('belong to their order and filter: another listing refuses them with no call', async () => {
    const stack = createStack();
    const ordered = await firstPage(stack);
    const plain = pageOf(await stack.query(PAGE, { name: 'web/frontend', first: 5 }));
    const calls = stack.calls();
    for (const variables of [
      { after: ordered.pageInfo.endCursor },
      { after: ordered.pageInfo.endCursor, orderBy: { field: 'PUSHED_AT', direction: 'ASC' } },
      { after: ordered.pageInfo.endCursor, orderBy: NEWEST_FIRST, filter: { tagged: true } },
      { after: plain.pageInfo.endCursor, orderBy: NEWEST_FIRST },
    ]) {
      const response = await stack.query(PAGE, { name: 'web/frontend', first: 5, ...variables });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(stack.calls()).toBe(calls);
  });
});

describe('an ordered listing cursor, only as written', () => {
  it('refuses every spelling one character off with BAD_USER_INPUT, before fetching the listing', async () => {
    const cursor = pageOf(await createStack().query(PAGE, { name: 'web/frontend', first: 5, orderBy: NEWEST_FIRST }))
      .pageInfo.endCursor as string;
    const fresh = createStack();
    const variants = oneCharacterOff(cursor, samplePositions(cursor));
    const responses = await Promise.all(
      variants.map((after) => fresh.query(PAGE, { name: 'web/frontend', first: 5, orderBy: NEWEST_FIRST, after })),
    );
    const accepted = variants.filter((_, i) => responses[i]?.errors?.[0]?.extensions?.code !== 'BAD_USER_INPUT');
    expect(accepted).toEqual([]);
    expect(fresh.calls('DescribeImages')).toBe(0);
  });
});

describe('Repository.latestImage', () => {
  it('answers the newest image from the listing that an ordered page of the same request shares', async () => {
    const stack = createStack();
    const response = await stack.query(`{
      repository(name: "big/listing") {
        latestImage { imageDigest imageTags }
        images(first: 2, orderBy: { field: PUSHED_AT, direction: DESC }) { edges { node { imageDigest } } }
      }
      empty: repository(name: "empty") { latestImage { imageDigest } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      repository: {
        latestImage: { imageDigest: big(2499), imageTags: [] },
        images: { edges: [{ node: { imageDigest: big(2499) } }, { node: { imageDigest: big(2498) } }] },
      },
      empty: { latestImage: null },
    });
    expect(stack.calls('DescribeImages')).toBe(4);
  });
});
