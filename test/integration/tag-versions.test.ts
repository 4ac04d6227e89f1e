import { oneCharacterOff, samplePositions } from '../helpers/one-character-off';
import { createStack, type Stack } from '../helpers/stack';
import {
  BY_CREATED_AT,
  BY_SEMVER,
  NOT_VERSIONS,
  namesOf,
  TAGS,
  tagsOf,
  versionsFixture,
} from '../helpers/version-tags';

const ALL = BY_CREATED_AT.length;
const order = (field: string, direction: string) => ({ field, direction });
const byName = [...BY_CREATED_AT].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const code = (response: { errors?: { extensions?: { code?: unknown } }[] }) => response.errors?.[0]?.extensions?.code;
const tagCalls = (stack: Stack) => stack.emulator.calls.all().filter((call) => call.operation === 'DescribeImageTags');

describe('versions of image tags', () => {
  it('orders by SEMVER both ways with non-versions last, fetching the listing once at 1000 a page', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const asc = await stack.query(TAGS, { first: 100, orderBy: order('SEMVER', 'ASC') });
    expect(asc.errors).toBeUndefined();
    expect(namesOf(asc)).toEqual([...BY_SEMVER, ...NOT_VERSIONS]);
    const desc = await stack.query(TAGS, { first: 100, orderBy: order('SEMVER', 'DESC') });
    // Equal versions (1.0.0, 1.0.0+build.5) keep name order either way.
    expect(namesOf(desc)).toEqual([
      '2024.11.15',
      'v2.1.0',
      '2.0.0',
      '2.0.0-rc.1',
      '1.10.0',
      'v1.2.0',
      '1.0.0',
      '1.0.0+build.5',
      ...NOT_VERSIONS,
    ]);
    expect(tagCalls(stack).map((call) => (call.input as { maxResults?: number }).maxResults)).toEqual([1000]);
    expect(stack.calls('DescribeImageTags')).toBe(1);
  });

  it('reads `version` with one leading v removed, strictly; date tags are versions', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const page = tagsOf(await stack.query(TAGS, { first: 100, orderBy: order('NAME', 'ASC') }));
    const versions = Object.fromEntries(page.edges.map((edge) => [edge.node.imageTag, edge.node.version]));
    expect(versions).toMatchObject({
      'v2.1.0': '2.1.0',
      '1.0.0+build.5': '1.0.0+build.5',
      '2024.11.15': '2024.11.15',
      '2.0.0-rc.1': '2.0.0-rc.1',
      '1.4': null,
      latest: null,
      'vv1.0.0': null,
      '01.2.3': null,
      'api-1.2.3': null,
    });
  });

  it('orders by NAME and CREATED_AT both ways, ties by name', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const run = async (field: string, direction: string) =>
      namesOf(await stack.query(TAGS, { first: 100, orderBy: order(field, direction) }));
    expect(await run('NAME', 'ASC')).toEqual(byName);
    expect(await run('NAME', 'DESC')).toEqual([...byName].reverse());
    expect(await run('CREATED_AT', 'ASC')).toEqual(BY_CREATED_AT);
    const newestFirst = await run('CREATED_AT', 'DESC');
    // The shared image's two tags tie on createdAt and stay in name order.
    expect(newestFirst).toEqual([
      ...BY_CREATED_AT.slice(5).reverse(),
      ...['1.4', 'latest', '2024.11.15', '1.0.0+build.5', 'v2.1.0'],
    ]);
    // Five arrangements, one listing.
    expect(stack.calls('DescribeImageTags')).toBe(1);
  });

  it('filters by prefix and by a semver range, prereleases only where the range names them', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const run = async (filter: Record<string, string>, by = order('SEMVER', 'ASC')) =>
      namesOf(await stack.query(TAGS, { first: 100, orderBy: by, filter }));
    expect(await run({ versions: '>=1.2 <2.1' })).toEqual(['v1.2.0', '1.10.0', '2.0.0']);
    expect(await run({ versions: '>=2.0.0-rc.0 <2.1' })).toEqual(['2.0.0-rc.1', '2.0.0']);
    expect(await run({ versions: '^1' })).toEqual(['1.0.0', '1.0.0+build.5', 'v1.2.0', '1.10.0']);
    expect(await run({ prefix: 'v' }, order('NAME', 'ASC'))).toEqual(['v1.2.0', 'v2.1.0', 'vv1.0.0']);
    expect(await run({ prefix: 'v', versions: '>=2' })).toEqual(['v2.1.0']);
    // A filter alone keeps ECR Public's own order.
    const own = await stack.query(TAGS, { first: 100, filter: { prefix: 'api-' } });
    expect(namesOf(own)).toEqual(['api-3.1.0-beta.1', 'api-1.2.3', 'api-3.0.0']);
    expect(stack.calls('DescribeImageTags')).toBe(1);
  });

  it('refuses a malformed range as BAD_USER_INPUT before any call', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    for (const versions of ['abc', '^^1', '1.2.3.4', 'x'.repeat(2000)]) {
      const response = await stack.query(TAGS, { first: 10, filter: { versions } });
      expect(code(response)).toBe('BAD_USER_INPUT');
    }
    expect(stack.emulator.calls.all()).toEqual([]);
  });

  it('latestVersion: highest release, prereleases when asked, after a prefix; shares the cached listing', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const response = await stack.query(`{
      repository(name: "versions") {
        any: latestVersion { imageTag version }
        api: latestVersion(prefix: "api-") { imageTag }
        apiPre: latestVersion(prefix: "api-", includePrerelease: true) { imageTag }
        v: latestVersion(prefix: "v") { imageTag version }
        none: latestVersion(prefix: "nope-") { imageTag }
      }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data?.repository).toEqual({
      any: { imageTag: '2024.11.15', version: '2024.11.15' },
      api: { imageTag: 'api-3.0.0' },
      apiPre: { imageTag: 'api-3.1.0-beta.1' },
      v: { imageTag: 'v2.1.0', version: '2.1.0' },
      none: null,
    });
    expect(stack.calls('DescribeImageTags')).toBe(1);
    const before = stack.emulator.calls.count();
    const again = await stack.query(TAGS, { first: 3, orderBy: order('SEMVER', 'DESC') });
    expect(namesOf(again)).toEqual(['2024.11.15', 'v2.1.0', '2.0.0']);
    // The repository lookup is the upstream cache's; the tag listing is the listing cache's.
    expect(stack.calls('DescribeImageTags')).toBe(1);
    expect(stack.emulator.calls.count()).toBe(before);
  });

  it('latestVersion without includePrerelease skips a newer prerelease', async () => {
    const fixture = versionsFixture();
    fixture.registries[0]?.repositories.push({
      repositoryName: 'pre',
      images: [
        { imageDigest: `sha256:${'a'.repeat(64)}`, imageTags: ['3.0.0-alpha.1'] },
        { imageDigest: `sha256:${'b'.repeat(64)}`, imageTags: ['v2.9.9'] },
      ],
    });
    const stack = createStack({ fixture });
    const response = await stack.query(`{ repository(name: "pre") {
      stable: latestVersion { imageTag } pre: latestVersion(includePrerelease: true) { imageTag } } }`);
    expect(response.data?.repository).toEqual({ stable: { imageTag: 'v2.9.9' }, pre: { imageTag: '3.0.0-alpha.1' } });
  });
});

describe('pages of an ordered tag listing', () => {
  it('resume with after, every edge a cursor, from one listing', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = tagsOf(await stack.query(TAGS, { first: 4, after, orderBy: order('SEMVER', 'ASC') }));
      seen.push(...page.edges.map((edge) => edge.node.imageTag));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(ALL / 4));
    expect(seen).toEqual([...BY_SEMVER, ...NOT_VERSIONS]);
    // Any edge's cursor resumes right after it.
    const first = tagsOf(await stack.query(TAGS, { first: 5, orderBy: order('SEMVER', 'ASC') }));
    const mid = first.edges[2]?.cursor;
    expect(namesOf(await stack.query(TAGS, { first: 2, after: mid, orderBy: order('SEMVER', 'ASC') }))).toEqual(
      seen.slice(3, 5),
    );
    expect(stack.calls('DescribeImageTags')).toBe(1);
  });

  it('refuse a tampered cursor, or one of another arrangement, with no call', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const page = tagsOf(await stack.query(TAGS, { first: 2, orderBy: order('SEMVER', 'ASC') }));
    const cursor = page.pageInfo.endCursor as string;
    const fresh = createStack({ fixture: versionsFixture() });
    // Every seventh spelling one character off: the full sweep is ordered-cursors.test.ts' job.
    const variants = oneCharacterOff(cursor, samplePositions(cursor)).filter((_, i) => i % 7 === 0);
    for (const after of variants) {
      const response = await fresh.query(TAGS, { first: 2, after, orderBy: order('SEMVER', 'ASC') });
      expect(code(response)).toBe('BAD_USER_INPUT');
    }
    const other = await fresh.query(TAGS, { first: 2, after: cursor, orderBy: order('NAME', 'ASC') });
    expect(code(other)).toBe('BAD_USER_INPUT');
    const unordered = await fresh.query(TAGS, { first: 2, after: cursor });
    expect(code(unordered)).toBe('BAD_USER_INPUT');
    expect(fresh.calls('DescribeImageTags')).toBe(0);
    // The untouched cursor resumes on another gateway with the same key and catalog.
    expect(namesOf(await fresh.query(TAGS, { first: 2, after: cursor, orderBy: order('SEMVER', 'ASC') }))).toEqual(
      BY_SEMVER.slice(2, 4),
    );
  });

  it('without orderBy or filter pages DescribeImageTags as before, first -> maxResults', async () => {
    const stack = createStack({ fixture: versionsFixture() });
    const page = tagsOf(await stack.query(TAGS, { first: 3 }));
    expect(page.edges.map((edge) => edge.node.imageTag)).toEqual(BY_CREATED_AT.slice(0, 3));
    expect(tagCalls(stack).map((call) => (call.input as { maxResults?: number }).maxResults)).toEqual([3]);
  });

  it('is priced as a whole listing: refused under a small QUERY_MAX_COST with no call', async () => {
    const stack = createStack({ fixture: versionsFixture(), limits: { maxCost: 8 } });
    const ordered = await stack.query(TAGS, { first: 10, orderBy: order('SEMVER', 'DESC') });
    expect(code(ordered)).toBe('QUERY_TOO_COMPLEX');
    const latest = await stack.query('{ repository(name: "versions") { latestVersion { imageTag } } }');
    expect(code(latest)).toBe('QUERY_TOO_COMPLEX');
    expect(stack.emulator.calls.all()).toEqual([]);
    const plain = await stack.query(TAGS, { first: 10 });
    expect(plain.errors).toBeUndefined();
  });
});
