import { createStack } from '../helpers/stack';

const QUERY = '{ repository(name: "web/frontend") { repositoryName } }';
const url = (query: string) => `http://gateway/graphql?${new URLSearchParams({ query })}`;

describe('Cache-Control on GraphQL answers', () => {
  const stack = createStack({ responseCache: { ttlMs: 10_000 }, upstream: { cacheTtlMs: 10_000 } });

  it('makes a clean GET query without credentials public for the TTL, with an ETag and Vary', async () => {
    const response = await stack.gateway.fetch(url(QUERY));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=10');
    expect(response.headers.get('vary')).toMatch(/\bAccept\b.*\bAuthorization\b/);
    const etag = response.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await stack.gateway.fetch(url(QUERY), { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('public, max-age=10, stale-while-revalidate=10');
  });

  it.each([
    ['authorization', 'Bearer x'],
    ['cookie', 'session=1'],
  ])('makes it private when sent with %s', async (name, value) => {
    const response = await stack.gateway.fetch(url(QUERY), { headers: { [name]: value } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=10, stale-while-revalidate=10');
  });

  it('is no-store on errors and on POST', async () => {
    const failed = await stack.gateway.fetch(url('{ repository(name: "no/such-repo") { repositoryName } }'));
    expect(((await failed.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const invalid = await stack.gateway.fetch(url('{ nope }'));
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    const posted = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('cache-control')).toBe('no-store');
    expect(posted.headers.get('vary')).toMatch(/Accept/);
  });

  it('is no-store on refusals made before the GraphQL parameters are read', async () => {
    const small = createStack({ limits: { maxBodyBytes: 1024 } });
    const post = (headers: Record<string, string>, body: string) =>
      small.gateway.fetch('http://gateway/graphql', { method: 'POST', headers, body });
    const refusals = [
      await post({ 'content-type': 'application/json', 'content-length': '5000' }, 'x'.repeat(5000)),
      await post({ 'content-type': 'text/plain' }, '{}'),
      await post({ 'content-type': 'application/json' }, '{'),
      await small.gateway.fetch('http://gateway/graphql', { method: 'PUT', body: '{}' }),
      await small.gateway.fetch(`http://gateway/graphql?${new URLSearchParams({ query: QUERY, variables: '{' })}`),
      await small.gateway.fetch('http://gateway/nowhere'),
    ];
    expect(refusals.map((r) => [r.status, r.headers.get('cache-control')])).toEqual([
      [413, 'no-store'],
      [415, 'no-store'],
      [400, 'no-store'],
      [405, 'no-store'],
      [200, 'no-store'],
      [404, 'no-store'],
    ]);
    expect(small.calls()).toBe(0);
  });

  it('is no-store for everything when UPSTREAM_CACHE_TTL_MS is 0', async () => {
    const fresh = createStack({ upstream: { cacheTtlMs: 0 } });
    const response = await fresh.gateway.fetch(url(QUERY));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});
