import { parse } from 'graphql';
import { estimateCost } from '../../src/plugins/validation/query-cost';
import { schema } from '../../src/schema';
import { encodeId } from '../../src/schema/support/global-id';

const cost = (query: string, listingCap?: number, variables?: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), listingCap, variables });

describe('estimateCost of the catalog fields', () => {
  it('prices catalog data and resource tags as one unbatchable call each', () => {
    // The repository's own lookup is a call: 1 + 2.
    expect(cost('{ repository(name: "x") { catalogData { description } resourceTags { key } } }')).toBeCloseTo(3);
    expect(cost('{ repositories(first: 50) { edges { node { catalogData { description } } } } }')).toBeCloseTo(51.5);
  });

  it('prices registries as lookups and pages', () => {
    // The registry's lookup (1 call), then displayName's own (1 + 0.01: its registry is not told).
    expect(cost('{ registry { registryId displayName } }')).toBeCloseTo(2.01);
    // Pessimistic: a lookup under ten registries may take a call for each.
    expect(cost('{ registries(first: 10) { edges { node { displayName } } } }')).toBeCloseTo(11.2);
    expect(cost('{ repository(name: "x") { registry { registryId } } }')).toBeCloseTo(2.01);
  });

  it('prices imageTags like a page, and its images and pull references as lookups in one repository', () => {
    expect(
      cost('{ repository(name: "x") { imageTags(first: 50) { edges { node { image { pullReferences } } } } } }'),
    ).toBeCloseTo(1 + 1.5 + 1.5 + 1.5);
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
    const image = (repositoryName: string, i: number) => ({
      __typename: 'Image',
      registryId: '123456789012',
      repositoryName,
      imageDigest: `sha256:${String(i).padStart(64, '0')}`,
    });
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
