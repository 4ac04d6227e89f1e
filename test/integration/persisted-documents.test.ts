import { createHash } from 'node:crypto';
import { createStack, type GraphQLResponse, type Stack } from '../helpers/stack';

const DOC = '{ repository(name: "web/frontend") { repositoryName } }';
const OTHER = '{ repository(name: "web/frontend") { repositoryName __typename } }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (documents: Record<string, string>, only = false, apqMaxBytes = 1 << 20) => ({
  documents: new Map(Object.entries(documents).map(([id, doc]) => [id.replace(/^sha256:/, ''), doc])),
  only,
  apqMaxBytes,
});

async function get(stack: Stack, params: Record<string, unknown>) {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
  const response = await stack.gateway.fetch(`http://gateway/graphql?${search}`, {
    headers: { accept: 'application/graphql-response+json' },
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse, response };
}

async function post(stack: Stack, body: Record<string, unknown>) {
  const response = await stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

describe('persisted documents and APQ', () => {
  it('answers an unknown documentId or APQ hash with PERSISTED_QUERY_NOT_FOUND and no upstream call', async () => {
    const stack = createStack({ persisted: persisted({}) });
    for (const answer of [
      await post(stack, { documentId: `sha256:${hash('{ x }')}` }),
      await get(stack, { documentId: hash('{ y }') }),
      await get(stack, { extensions: apq(hash(DOC)) }),
    ]) {
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(answer.body.errors?.[0]?.message).toBe('PersistedQueryNotFound');
    }
    expect(stack.calls()).toBe(0);
  });

  it('registers an APQ hash with its query, then serves the hash alone by GET', async () => {
    const stack = createStack({ persisted: persisted({}) });
    const first = await post(stack, { query: DOC, extensions: apq(hash(DOC)) });
    expect(first.body.data).toEqual({ repository: { repositoryName: 'web/frontend' } });
    const again = await get(stack, { extensions: apq(hash(DOC)) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ data: { repository: { repositoryName: 'web/frontend' } } });
  });

  it('refuses a hash that does not match its query with 400 BAD_USER_INPUT, and registers nothing', async () => {
    const stack = createStack({ persisted: persisted({}) });
    const wrong = await post(stack, { query: DOC, extensions: apq(hash(OTHER)) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const later = await get(stack, { extensions: apq(hash(OTHER)) });
    expect(later.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(stack.calls()).toBe(0);
  });

  it('in ONLY mode refuses plain and unlisted documents, and serves listed ones by either id form', async () => {
    const stack = createStack({ persisted: persisted({ [`sha256:${hash(DOC)}`]: DOC }, true) });
    const plain = await post(stack, { query: OTHER });
    expect(plain.status).toBe(400);
    expect(plain.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    const register = await post(stack, { query: OTHER, extensions: apq(hash(OTHER)) });
    expect(register.status).toBe(400);
    expect(register.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(stack.calls()).toBe(0);
    for (const documentId of [`sha256:${hash(DOC)}`, hash(DOC)]) {
      expect((await get(stack, { documentId })).body.data).toEqual({ repository: { repositoryName: 'web/frontend' } });
      const posted = await post(stack, { documentId });
      expect(posted.body.data).toEqual({ repository: { repositoryName: 'web/frontend' } });
    }
    expect((await post(stack, { query: DOC })).body.data).toEqual({ repository: { repositoryName: 'web/frontend' } });
  });

  it('applies the query limits to a persisted document', async () => {
    const deep = '{ repository(name: "web/frontend") { images(first: 1) { edges { node { imageDigest } } } } }';
    const stack = createStack({ persisted: persisted({ [hash(deep)]: deep }), limits: { maxDepth: 2 } });
    const answer = await get(stack, { documentId: hash(deep) });
    expect(answer.body.errors?.[0]?.message).toMatch(/depth/i);
    expect(stack.calls()).toBe(0);
  });

  it('keeps registrations within their byte bound, dropping the least recently used', async () => {
    const bound = hash(OTHER).length + OTHER.length + 10;
    const stack = createStack({ persisted: persisted({}, false, bound) });
    await post(stack, { query: DOC, extensions: apq(hash(DOC)) });
    await post(stack, { query: OTHER, extensions: apq(hash(OTHER)) });
    expect((await get(stack, { extensions: apq(hash(DOC)) })).body.errors?.[0]?.extensions?.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect((await get(stack, { extensions: apq(hash(OTHER)) })).body.data).toBeDefined();
  });
});
