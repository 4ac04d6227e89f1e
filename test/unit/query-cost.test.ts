import { type DocumentNode, Kind, parse } from 'graphql';
import { exampleQuery } from '../../src/graphiql-example';
import { estimateCost } from '../../src/plugins/validation/query-cost';
import { schema } from '../../src/schema';
import { encodeId } from '../../src/schema/support/global-id';

const cost = (query: string, listingCap?: number, variables?: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), listingCap, variables });

/** An Image representation, as a router sends it in `_entities`. */
const image = (repositoryName: string, i: number) => ({
  __typename: 'Image',
  registryId: '123456789012',
  repositoryName,
  imageDigest: `sha256:${String(i).padStart(64, '0')}`,
});

describe('estimateCost of the catalog fields', () => {
  it('prices catalog data and resource tags as one unbatchable call each', () => {
    // The repository's own lookup is a call: 1 + 2.
    expect(cost('{ repository(name: "x") { catalogData { description } resourceTags { key } } }')).toBeCloseTo(3);
    expect(cost('{ repositories(first: 50) { edges { node { catalogData { description } } } } }')).toBeCloseTo(51.5);
  });

  it('prices registries as the one listing and catalog call a request makes, however many ask', () => {
    // The registries listing (DescribeRegistries), then displayName's GetRegistryCatalogData.
    expect(cost('{ registry { registryId displayName } }')).toBe(2);
    // The page (1.1), then the listing and the catalog data once for all ten registries.
    expect(cost('{ registries(first: 10) { edges { node { displayName } } } }')).toBeCloseTo(3.1);
    expect(cost('{ repository(name: "x") { registry { registryId } } }')).toBe(2);
    // A hundred repositories share the one listing: the page (2), then one DescribeRegistries.
    expect(cost('{ repositories(first: 100) { edges { node { registry { registryId } } } } }')).toBeCloseTo(3);
  });

  it('prices imageTags like a page, its images as lookups, and their repository as already at hand', () => {
    // The repository, the page of tags, DescribeImages by digest for the page; pullReferences'
    // repository is the one the tags came from, which the loader holds.
    expect(
      cost('{ repository(name: "x") { imageTags(first: 50) { edges { node { image { pullReferences } } } } } }'),
    ).toBeCloseTo(1 + 1.5 + 1.5);
  });

  it('prices latestImage and ordered or filtered pages by the whole listing under the cap', () => {
    expect(cost('{ repository(name: "x") { latestImage { imageDigest } } }')).toBeCloseTo(12);
    expect(cost('{ repository(name: "x") { latestImage { imageDigest } } }', 2500)).toBeCloseTo(4);
    const ordered =
      '{ repository(name: "x") { images(first: 100, orderBy: { field: SIZE, direction: ASC }) { edges { cursor } } } }';
    expect(cost(ordered)).toBeCloseTo(13);
    const filtered = `query($f: ImageFilter) { repository(name: "x") { images(first: 100, filter: $f) { edges { cursor } } } }`;
    expect(cost(filtered, undefined, { f: { tagged: false } })).toBeCloseTo(13);
    // An empty filter asks for nothing: one page, as without it.
    expect(cost(filtered, undefined, { f: {} })).toBeCloseTo(3);
    expect(cost(filtered, undefined, { f: null })).toBeCloseTo(3);
  });

  it('reads variables as execution will: defaults applied, invalid ones left to execution', () => {
    const query =
      'query($name: String! = "x", $first: Int = 50) { repository(name: $name) { imageTags(first: $first) { edges { cursor } } } }';
    expect(cost(query)).toBeCloseTo(2.5);
    expect(cost(query, undefined, { first: 'many' })).toBeUndefined();
  });

  it('refuses an imageTags page size out of range', () => {
    expect(() => cost('{ repository(name: "x") { imageTags(first: 1001) { edges { cursor } } } }')).toThrow(
      /first must be between 0 and 1000/,
    );
  });
});

describe('estimateCost of lookups, as the loaders batch them', () => {
  const repositories = (n: number, registryId?: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `r${i}: repository(name: "repo/${i}"${registryId ? `, registryId: "${registryId}"` : ''}) { repositoryName }`).join(' ')} }`;

  it('prices aliased lookups by distinct ids: ceil(n/100) calls per registry and per repository', () => {
    expect(cost(repositories(1))).toBe(1);
    expect(cost(repositories(100))).toBe(1);
    expect(cost(repositories(101))).toBe(2);
    const images = (n: number) =>
      `{ repository(name: "x") { ${Array.from({ length: n }, (_, i) => `i${i}: image(tag: "v${i % 150}") { imageDigest }`).join(' ')} } }`;
    // The repository, then its 150 distinct tags: two DescribeImages.
    expect(cost(images(300))).toBe(1 + 2);
  });

  it('prices _entities by the repositories their keys name', () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Image { imageDigest } } }';
    const spread = Array.from({ length: 300 }, (_, i) => image(`repo/${i}`, i));
    expect(cost(query, undefined, { r: spread })).toBe(300);
    const together = Array.from({ length: 300 }, (_, i) => image('one', i));
    expect(cost(query, undefined, { r: together })).toBe(3);
  });

  it('prices a fragment once per type and scales it for each parent', () => {
    const query = `{ repositories(first: 10) { edges { node { ...R } } } }
      fragment R on Repository { catalogData { description } a: catalogData { description } }`;
    // 1.1 for the page, 10 x 2 calls of catalog data.
    expect(cost(query)).toBeCloseTo(21.1);
    // A spread collected twice in one selection set is one set of fields, as execution merges them.
    const twice = `{ ...Q ...Q } fragment Q on Query { repositories(first: 10) { edges { node { catalogData { description } } } } }`;
    expect(cost(twice)).toBeCloseTo(11.1);
  });
});

describe('estimateCost of node lookups', () => {
  it('batches aliased node(id:) lookups of one repository into one call', () => {
    const image = (i: number) => encodeId('Image', `123456789012:one@sha256:${String(i).padStart(64, '0')}`);
    const query = `{ ${Array.from({ length: 50 }, (_, i) => `n${i}: node(id: "${image(i)}") { id }`).join(' ')} }`;
    expect(cost(query)).toBe(1);
  });
});

/** Fragments F0 to F<n> on `on`, each F<k> selecting `level` of F<k-1>: by default two spreads of it. */
function fragmentChain(n: number, on: string, f0: string, level = (spread: string) => `${spread} ${spread}`): string {
  const fragments = [`fragment F0 on ${on} { ${f0} }`];
  for (let k = 1; k <= n; k++) fragments.push(`fragment F${k} on ${on} { ${level(`...F${k - 1}`)} }`);
  return fragments.join(' ');
}

/**
 * The document of `query`, whose fragments count how often their selections are read: past `limit`
 * reads it throws, so an estimator that walks every spread fails at once instead of blocking for
 * minutes (a synchronous walk never yields to jest's timeout).
 */
function counted(query: string, limit = 10_000): DocumentNode {
  let reads = 0;
  const definitions = parse(query).definitions.map((definition) => {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) return definition;
    const { selectionSet } = definition;
    return Object.defineProperty({ ...definition }, 'selectionSet', {
      get() {
        reads += 1;
        if (reads > limit) throw new Error(`fragment selections read more than ${limit} times`);
        return selectionSet;
      },
    });
  });
  return { kind: Kind.DOCUMENT, definitions };
}
const costOfCounted = (query: string) => estimateCost({ schema, document: counted(query) });

describe('estimateCost in time linear in the document', () => {
  // An estimator that walks every spread (2^30 of them) fails these by the read count, or else by the timeout.
  it('prices a spread bomb of n = 30 as execution runs it: each fragment once per selection set', () => {
    expect(
      costOfCounted(`query { ...F30 } ${fragmentChain(30, 'Query', 'repository(name: "x") { repositoryName }')}`),
    ).toBe(1);
    const expensive = 'repositories(first: 1000) { edges { node { catalogData { description } } } }';
    expect(costOfCounted(`query { ...F30 } ${fragmentChain(30, 'Query', expensive)}`)).toBeCloseTo(1011);
  }, 5000);

  it('prices a bomb whose every level doubles the next under parents of their own: 2^31 pages', () => {
    // Two pages of one image each, and under each image its repository again, 30 times over: no
    // spread repeats within one selection set, so only pricing each fragment once keeps this fast.
    const page = (alias: string, spread: string) =>
      `${alias}: images(first: 1) { edges { node { repository { ${spread} } } } }`;
    const level = (spread: string) => `${page('a', spread)} ${page('b', spread)}`;
    const price = costOfCounted(
      `{ repository(name: "x") { ...F30 } } ${fragmentChain(30, 'Repository', 'repositoryName', level)}`,
    );
    // The repository 1, then 1.01 a page for 2 x (1 + 2 + 4 + ... + 2^29) pages: past any limit.
    expect(price).toBeCloseTo(1 + 1.01 * 2 * (2 ** 30 - 1), -3);
  }, 5000);
});

describe('estimateCost of documents too complex to price', () => {
  it('refuses aliased lookups that each spread a long chain of fragments, however cheap', () => {
    // 250 repositories, each walking 600 fragments (their known parents differ): 300,000 selections.
    const aliases = Array.from({ length: 250 }, (_, i) => `r${i}: repository(name: "r${i}") { ...F0 }`);
    const chain = Array.from({ length: 600 }, (_, k) => `fragment F${k} on Repository { repositoryName ...F${k + 1} }`);
    const query = `{ ${aliases.join(' ')} } ${chain.join(' ')} fragment F600 on Repository { repositoryName }`;
    expect(() => cost(query)).toThrow(/too complex to price: more than 50000 selections/);
  }, 5000);
});

describe('estimateCost of what execution already holds', () => {
  it("prices GraphiQL's Gallery by its real calls: no repository lookup for images under their repository", () => {
    const gallery = estimateCost({ schema, document: parse(exampleQuery), operationName: 'Gallery' });
    // The registries listing 1 + its catalog data 1, the page 1.12, 12 x catalog data, 12 whole
    // listings (11 each under the cap) for latestImage, and pullReferences' repositories are at hand.
    expect(gallery).toBeCloseTo(1 + 1 + 1.12 + 12 + 132);
    const newest = estimateCost({ schema, document: parse(exampleQuery), operationName: 'NewestImages' });
    expect(newest).toBeCloseTo(1 + 1 + 11.1);
  });

  it("prices an image's repository as at hand under that repository, else a call per repository", () => {
    expect(
      cost('{ repository(name: "x") { images(first: 100) { edges { node { repository { repositoryName } } } } } }'),
    ).toBe(3);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Image { pullReferences } } }';
    // 300 DescribeImages, then at most one DescribeRepositories per repository.
    expect(cost(query, undefined, { r: Array.from({ length: 300 }, (_, i) => image(`repo/${i}`, i)) })).toBe(600);
    // 3 DescribeImages of one repository, then its one DescribeRepositories.
    expect(cost(query, undefined, { r: Array.from({ length: 300 }, (_, i) => image('one', i)) })).toBe(4);
  });

  it('prices one fragment apart where its repository is at hand and where it is not', () => {
    const id = encodeId('Image', `123456789012:one@sha256:${'0'.repeat(64)}`);
    const query = `{ nodes(ids: ["${id}"]) { ...Refs } repository(name: "one") { latestImage { ...Refs } } }
      fragment Refs on Image { pullReferences }`;
    // nodes: DescribeImages 1 + DescribeRepositories 1; repository 1 + its listing 11 + nothing.
    expect(cost(query)).toBe(14);
  });
});
