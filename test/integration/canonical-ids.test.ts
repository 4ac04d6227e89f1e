/**
 * Contract, "Cursors (addendum)": a cursor or a global id is accepted only in the exact form the
 * gateway wrote it. Every spelling one character off (appended, removed, changed, over the
 * base64url alphabet and what lenient decoders skip) is BAD_USER_INPUT, and costs no upstream
 * call: each is sent to a fresh gateway that shares the cursor key, whose call log stays empty.
 */
import { dataOf } from '../helpers/data';
import { oneCharacterOff, samplePositions } from '../helpers/one-character-off';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

/** Sends every variant as `$value`; returns those not refused with BAD_USER_INPUT alone. */
async function accepted(stack: Stack, query: string, variants: string[]): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < variants.length; i += 50) {
    const chunk = variants.slice(i, i + 50);
    const responses: GraphQLResponse[] = await Promise.all(chunk.map((value) => stack.query(query, { value })));
    for (const [index, response] of responses.entries()) {
      const codes = (response.errors ?? []).map((error) => error.extensions?.code);
      if (codes.length === 0 || codes.some((code) => code !== 'BAD_USER_INPUT')) passed.push(chunk[index] as string);
    }
  }
  return passed;
}

const IMAGES =
  'query($value: String) { repository(name: "web/frontend") { images(first: 2, after: $value) { edges { cursor } } } }';
const REPOSITORIES = 'query($value: String) { repositories(first: 2, after: $value) { edges { cursor } } }';
const NODE = 'query($value: ID!) { node(id: $value) { id } }';

describe('cursors and global ids, only as written', () => {
  it('refuses every spelling of an images cursor one character off, with no DescribeImages call', async () => {
    const page = dataOf<{ images: { edges: { cursor: string }[] } }>(await createStack().query(IMAGES), 'repository');
    const cursor = page.images.edges[1]?.cursor as string;
    const fresh = createStack();
    expect(await accepted(fresh, IMAGES, oneCharacterOff(cursor, samplePositions(cursor)))).toEqual([]);
    expect(fresh.calls('DescribeImages')).toBe(0);
    // The cursor as written still works there.
    expect((await fresh.query(IMAGES, { value: cursor })).errors).toBeUndefined();
  });

  it('refuses every spelling of a repositories cursor one character off, with no call at all', async () => {
    const page = (await createStack().query(REPOSITORIES)).data?.repositories as { edges: { cursor: string }[] };
    const cursor = page.edges[1]?.cursor as string;
    const fresh = createStack();
    expect(await accepted(fresh, REPOSITORIES, oneCharacterOff(cursor, samplePositions(cursor)))).toEqual([]);
    expect(fresh.calls()).toBe(0);
  });

  it.each([
    ['an Image', '{ repository(name: "web/frontend") { images(first: 1) { edges { node { id } } } } }'],
    ['a Repository', '{ repository(name: "web/backend") { id } }'],
  ])('refuses every spelling of %s id one character off, with no call at all', async (_label, query) => {
    const text = JSON.stringify((await createStack().query(query)).data);
    const id = (/"id":"([^"]+)"/.exec(text) ?? [])[1] as string;
    const fresh = createStack();
    expect(await accepted(fresh, NODE, oneCharacterOff(id, samplePositions(id)))).toEqual([]);
    expect(fresh.calls()).toBe(0);
    expect((await fresh.query(NODE, { value: id })).data?.node).toEqual({ id });
  });
});
