import { createHmac } from 'node:crypto';
import { createCursorCodec } from '../../src/data/paging/cursors';
import { checkFirst, forwardPage } from '../../src/data/paging/forward-page';
import { oneCharacterOff } from '../helpers/one-character-off';

const codec = createCursorCodec('test-secret');

describe('cursor codec', () => {
  it('round-trips a position within its scope', () => {
    const cursor = codec.encode('images:1/a', { token: 'tok', skip: 3 });
    expect(codec.decode('images:1/a', cursor)).toEqual({ token: 'tok', skip: 3 });
    expect(codec.decode('images:1/a', codec.encode('images:1/a', { token: null, skip: 0 }))).toEqual({
      token: null,
      skip: 0,
    });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['empty', ''],
    ['three parts', 'a.b.c'],
  ])('refuses a malformed cursor (%s) as BAD_USER_INPUT', (_label, cursor) => {
    expect(() => codec.decode('s', cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });

  it('refuses a tampered cursor and a cursor of another listing', () => {
    const cursor = codec.encode('images:1/a', { token: 'tok', skip: 3 });
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ v: 1, t: 'tok', s: 4 })).toString('base64url');
    expect(() => codec.decode('images:1/a', `${forged}.${signature}`)).toThrow(/not valid/);
    expect(() => codec.decode('images:1/b', cursor)).toThrow(/not valid/);
    expect(() => createCursorCodec('other').decode('images:1/a', cursor)).toThrow(/not valid/);
    expect(payload.length).toBeGreaterThan(0);
  });

  it('keys each page apart: a tag is valid only for its own token, skip and scope', () => {
    const a = codec.encode('images:1/a', { token: 'tok', skip: 3 });
    const b = codec.encode('images:1/a', { token: 'tok2', skip: 3 });
    const start = codec.encode('images:1/a', { token: null, skip: 3 });
    const payloadOf = (cursor: string) => cursor.split('.')[0];
    const tagOf = (cursor: string) => cursor.split('.')[1];
    expect(new Set([tagOf(a), tagOf(b), tagOf(start)]).size).toBe(3);
    expect(() => codec.decode('images:1/a', `${payloadOf(a)}.${tagOf(b)}`)).toThrow(/not valid/);
    expect(() => codec.decode('images:1/a', `${payloadOf(start)}.${tagOf(a)}`)).toThrow(/not valid/);
    // The payload in another spelling (keys reordered) with a valid tag for its position.
    const reordered = Buffer.from(JSON.stringify({ t: 'tok', v: 2, s: 3 })).toString('base64url');
    expect(() => codec.decode('images:1/a', `${reordered}.${tagOf(a)}`)).toThrow(/not valid/);
  });

  it('still reads a version 1 cursor (one HMAC over the payload) signed with the same secret', () => {
    const payload = Buffer.from(JSON.stringify({ v: 1, t: 'tok', s: 7 })).toString('base64url');
    const sign = (secret: string) =>
      createHmac('sha256', secret).update('images:1/a').update('\0').update(payload).digest().subarray(0, 12);
    const v1 = `${payload}.${sign('test-secret').toString('base64url')}`;
    expect(codec.decode('images:1/a', v1)).toEqual({ token: 'tok', skip: 7 });
    expect(() => codec.decode('images:1/a', `${payload}.${sign('other').toString('base64url')}`)).toThrow(/not valid/);
    expect(
      oneCharacterOff(v1).filter((variant) => {
        try {
          codec.decode('images:1/a', variant);
          return true;
        } catch {
          return false;
        }
      }),
    ).toEqual([]);
  });

  it('accepts a cursor only as written: every spelling one character off is BAD_USER_INPUT', () => {
    for (const position of [
      { token: 'tok', skip: 3 },
      { token: null, skip: 0 },
      { token: 'eyJ2ZXJzaW9uIjoxfQ', skip: 999 },
    ]) {
      const cursor = codec.encode('images:1/a', position);
      const variants = oneCharacterOff(cursor);
      // Appends, removals, and 70 changes at each position.
      expect(variants.length).toBeGreaterThan(cursor.length * 70);
      const accepted = variants.filter((variant) => {
        try {
          codec.decode('images:1/a', variant);
          return true;
        } catch (error) {
          expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
          return false;
        }
      });
      expect(accepted).toEqual([]);
    }
  });
});

describe('checkFirst', () => {
  it('defaults to 100 and accepts 0 to 1000', () => {
    expect(checkFirst(undefined)).toBe(100);
    expect(checkFirst(0)).toBe(0);
    expect(checkFirst(1000)).toBe(1000);
  });
  it.each([-1, 1001, 1.5])('refuses %p', (first) => {
    expect(() => checkFirst(first)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

/** A listing of `total` numbers served in AWS's manner: tokens are offsets, pages up to maxResults. */
function fakeUpstream(total: number, shortPages = false) {
  const calls: { token: string | null; maxResults: number }[] = [];
  return {
    calls,
    fetch: async (token: string | null, maxResults: number) => {
      calls.push({ token, maxResults });
      const start = token ? Number(token) : 0;
      const size = shortPages ? Math.min(maxResults, 7) : maxResults;
      const end = Math.min(total, start + size);
      const items = Array.from({ length: end - start }, (_, i) => start + i);
      return { items, nextToken: end < total ? String(end) : null };
    },
  };
}

describe('forwardPage', () => {
  const page = (upstream: ReturnType<typeof fakeUpstream>, first?: number, after?: string) =>
    forwardPage({ first, after, scope: 's', codec, fetch: upstream.fetch });

  it('walks a listing with one call per page, every item once', async () => {
    const upstream = fakeUpstream(250);
    const seen: number[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await page(upstream, 100, after);
      seen.push(...result.edges.map((edge) => edge.node));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor ?? undefined;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(upstream.calls.map((call) => call.maxResults)).toEqual([100, 100, 100]);
  });

  it('resumes after any edge with nothing skipped or repeated', async () => {
    const upstream = fakeUpstream(40);
    const first = await page(upstream, 10);
    for (const [index, edge] of first.edges.entries()) {
      const next = await page(upstream, 5, edge.cursor);
      expect(next.edges.map((e) => e.node)).toEqual([1, 2, 3, 4, 5].map((n) => index + n));
    }
  });

  it('answers first: 0 without a call', async () => {
    const upstream = fakeUpstream(10);
    const result = await page(upstream, 0);
    expect(result.edges).toEqual([]);
    expect(upstream.calls).toHaveLength(0);
  });

  it('fills a page when the upstream answers short pages, and says when the listing ends', async () => {
    const upstream = fakeUpstream(20, true);
    const result = await page(upstream, 15);
    expect(result.edges.map((e) => e.node)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(result.pageInfo.hasNextPage).toBe(true);
    const rest = await page(upstream, 15, result.pageInfo.endCursor ?? undefined);
    expect(rest.edges.map((e) => e.node)).toEqual([15, 16, 17, 18, 19]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a bad cursor before any call', async () => {
    const upstream = fakeUpstream(10);
    await expect(page(upstream, 5, 'bogus')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(upstream.calls).toHaveLength(0);
  });
});
