import { parse } from 'graphql';
import { estimateCost } from '../../src/plugins/validation/query-cost';
import { schema } from '../../src/schema';

const cost = (query: string, listingCap?: number, variables?: Record<string, unknown>) =>
  estimateCost({ schema, document: parse(query), listingCap, variables });

describe('estimateCost of the catalog fields', () => {
  it('prices catalog data and resource tags as one unbatchable call each', () => {
    expect(cost('{ repository(name: "x") { catalogData { description } resourceTags { key } } }')).toBeCloseTo(2.01);
    expect(cost('{ repositories(first: 50) { edges { node { catalogData { description } } } } }')).toBeCloseTo(51.5);
  });

  it('prices registries like lookups and pages', () => {
    expect(cost('{ registry { registryId displayName } }')).toBeCloseTo(0.02);
    expect(cost('{ registries(first: 10) { edges { node { displayName } } } }')).toBeCloseTo(1.2);
    expect(cost('{ repository(name: "x") { registry { registryId } } }')).toBeCloseTo(0.02);
  });

  it('prices imageTags like a page, and its images and pull references like lookups', () => {
    expect(
      cost('{ repository(name: "x") { imageTags(first: 50) { edges { node { image { pullReferences } } } } } }'),
    ).toBeCloseTo(0.01 + 1.5 + 0.5 + 0.5);
  });

  it('prices latestImage and ordered or filtered pages by the whole listing under the cap', () => {
    expect(cost('{ repository(name: "x") { latestImage { imageDigest } } }')).toBeCloseTo(11.01);
    expect(cost('{ repository(name: "x") { latestImage { imageDigest } } }', 2500)).toBeCloseTo(3.01);
    const ordered =
      '{ repository(name: "x") { images(first: 100, orderBy: { field: SIZE, direction: ASC }) { edges { cursor } } } }';
    expect(cost(ordered)).toBeCloseTo(12.01);
    const filtered = `query($f: ImageFilter) { repository(name: "x") { images(first: 100, filter: $f) { edges { cursor } } } }`;
    expect(cost(filtered, undefined, { f: { tagged: false } })).toBeCloseTo(12.01);
    // An empty filter asks for nothing: one page, as without it.
    expect(cost(filtered, undefined, { f: {} })).toBeCloseTo(2.01);
    expect(cost(filtered, undefined, { f: null })).toBeCloseTo(2.01);
  });

  it('reads variables as execution will: defaults applied, invalid ones left to execution', () => {
    const query =
      'query($name: String! = "x", $first: Int = 50) { repository(name: $name) { imageTags(first: $first) { edges { cursor } } } }';
    expect(cost(query)).toBeCloseTo(1.51);
    expect(cost(query, undefined, { first: 'many' })).toBeUndefined();
  });

  it('refuses an imageTags page size out of range', () => {
    expect(() => cost('{ repository(name: "x") { imageTags(first: 1001) { edges { cursor } } } }')).toThrow(
      /first must be between 0 and 1000/,
    );
  });
});
