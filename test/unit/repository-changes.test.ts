import { type Change, diffListings, type ListedImage, matchesPrefix } from '../../src/watch/changes';

const img = (digest: string, ...tags: string[]): ListedImage => ({ digest, tags });
const brief = (changes: Change[]) => changes.map((c) => [c.kind, c.tag, c.imageDigest, c.previousImageDigest]);

describe('diffListings: the events between two listings', () => {
  it('is silent when nothing changed', () => {
    expect(diffListings([img('a', 'x'), img('b')], [img('a', 'x'), img('b')])).toEqual([]);
  });

  it('reports a new image once, its tags in the image, and a tag it took from another as no tag event', () => {
    const changes = diffListings([img('a', 'latest', '1.0')], [img('a', '1.0'), img('b', 'latest', '2.0')]);
    expect(brief(changes)).toEqual([['IMAGE_PUSHED', null, 'b', null]]);
    expect(changes[0]?.imageTags).toEqual(['latest', '2.0']);
  });

  it('reports tags added, moved and removed on images that stay, in the order found', () => {
    const previous = [img('a', 'latest', 'old'), img('b', 'beta')];
    const next = [img('a', 'new'), img('b', 'beta', 'latest')];
    expect(brief(diffListings(previous, next))).toEqual([
      ['TAG_ADDED', 'new', 'a', null],
      ['TAG_MOVED', 'latest', 'b', 'a'],
      ['TAG_REMOVED', 'old', 'a', 'a'],
    ]);
  });

  it('reports a deleted image once, and a tag of it that a staying image gained as moved', () => {
    const changes = diffListings([img('a', 'x', 'y'), img('b')], [img('b', 'y')]);
    expect(brief(changes)).toEqual([
      ['TAG_MOVED', 'y', 'b', 'a'],
      ['IMAGE_REMOVED', null, 'a', 'a'],
    ]);
  });

  it('keeps, under a tagPrefix, changes of tags with it and image changes of images carrying one', () => {
    const changes = diffListings(
      [img('a', 'api-1'), img('b', 'web-1')],
      [img('a', 'api-1', 'web-2'), img('c', 'api-2')],
    );
    expect(brief(changes.filter((c) => matchesPrefix(c, 'api-')))).toEqual([['IMAGE_PUSHED', null, 'c', null]]);
    expect(brief(changes.filter((c) => matchesPrefix(c, 'web-')))).toEqual([
      ['TAG_ADDED', 'web-2', 'a', null],
      ['IMAGE_REMOVED', null, 'b', 'b'],
    ]);
    expect(changes.filter((c) => matchesPrefix(c, undefined))).toHaveLength(3);
  });
});
