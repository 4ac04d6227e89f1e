import type { ImageDetail } from '@aws-sdk/client-ecr-public';
import { arrangeImages, checkImageFilter, compareImages, matchesFilter } from '../../src/data/listings/arrange';

const image = (digest: string, fields: Partial<ImageDetail> = {}): ImageDetail => ({
  imageDigest: `sha256:${digest}`,
  ...fields,
});

describe('image ordering and filtering', () => {
  const a = image('a', { imageSizeInBytes: 2, imagePushedAt: new Date(2000), imageTags: ['v1'] });
  const b = image('b', { imageSizeInBytes: 1, imagePushedAt: new Date(2000) });
  const c = image('c', { imageSizeInBytes: 2, imagePushedAt: new Date(1000), imageTags: ['latest', 'V2'] });
  const d = image('d', { imageTags: [] });

  it('orders both ways, ties by digest, values missing last', () => {
    const digests = (images: ImageDetail[]) => images.map((i) => i.imageDigest?.slice(7)).join('');
    const sorted = (field: 'SIZE' | 'PUSHED_AT', direction: 'ASC' | 'DESC') =>
      digests([d, c, b, a].sort(compareImages({ field, direction })));
    expect(sorted('SIZE', 'ASC')).toBe('bacd');
    expect(sorted('SIZE', 'DESC')).toBe('acbd');
    expect(sorted('PUSHED_AT', 'ASC')).toBe('cabd');
    expect(sorted('PUSHED_AT', 'DESC')).toBe('abcd');
  });

  it('filters by tagged and by a case-sensitive prefix of any tag', () => {
    const kept = (filter: Parameters<typeof matchesFilter>[0]) =>
      [a, b, c, d].filter(matchesFilter(filter)).map((i) => i.imageDigest?.slice(7));
    expect(kept({ tagged: true })).toEqual(['a', 'c']);
    expect(kept({ tagged: false })).toEqual(['b', 'd']);
    expect(kept({ tagPrefix: 'V' })).toEqual(['c']);
    expect(kept({ tagPrefix: 'v' })).toEqual(['a']);
    expect(kept({ tagPrefix: 'lat' })).toEqual(['c']);
    expect(kept({ tagPrefix: '' })).toEqual(['a', 'c']);
  });

  it('keeps ECR order when only filtering, and leaves the listing untouched', () => {
    const listing = [c, b, a];
    expect(arrangeImages(listing, undefined, { tagged: true })).toEqual([c, a]);
    expect(arrangeImages(listing, { field: 'SIZE', direction: 'ASC' }, undefined)).toEqual([b, a, c]);
    expect(listing).toEqual([c, b, a]);
  });

  it('treats an empty filter as none and refuses a prefix longer than any tag', () => {
    expect(checkImageFilter({})).toBeUndefined();
    expect(checkImageFilter({ tagged: null, tagPrefix: null })).toBeUndefined();
    expect(checkImageFilter({ tagged: false })).toEqual({ tagged: false, tagPrefix: undefined });
    expect(() => checkImageFilter({ tagPrefix: 'x'.repeat(301) })).toThrow(/at most 300/);
  });
});
