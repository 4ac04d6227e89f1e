import { decodeId, encodeId } from '../../src/schema/support/global-id';
import { oneCharacterOff } from '../helpers/one-character-off';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('global ids', () => {
  it('round-trip a type and its local id', () => {
    const id = encodeId('Image', `123456789012:web/frontend@${DIGEST}`);
    expect(decodeId(id)).toEqual({ typename: 'Image', id: `123456789012:web/frontend@${DIGEST}` });
    expect(decodeId(encodeId('Repository', '1:a'))).toEqual({ typename: 'Repository', id: '1:a' });
  });

  it.each([
    ['an Image', encodeId('Image', `123456789012:web/frontend@${DIGEST}`)],
    ['a Repository', encodeId('Repository', '123456789012:platform/ci-runner')],
  ])('accept %s id only as written: every spelling one character off is BAD_USER_INPUT', (_label, id) => {
    const accepted = oneCharacterOff(id).filter((variant) => {
      try {
        decodeId(variant);
        return true;
      } catch (error) {
        expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
        return false;
      }
    });
    expect(accepted).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['a dot', '.'],
    ['no check', 'abc'],
    ['no body', '.abc'],
    ['5000 characters', `${'x'.repeat(4990)}.${'y'.repeat(9)}`],
  ])('refuses %s as BAD_USER_INPUT', (_label, id) => {
    expect(() => decodeId(id)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });
});
