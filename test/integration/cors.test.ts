/**
 * CORS (CONTRACT.md "Limits (addendum)"): the origins of CORS_ORIGINS are allowed with
 * credentials; any other, `null` included, gets `*` and no credentials; so does every origin by
 * default. Preflights and simple requests alike.
 */
import { createStack, type Stack } from '../helpers/stack';

const LISTED = 'https://app.example.com';
const QUERY = '{ __typename }';

async function preflight(stack: Stack, origin: string): Promise<Response> {
  return stack.gateway.fetch('http://gateway/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

async function simple(stack: Stack, origin: string): Promise<Response> {
  return stack.gateway.fetch(`http://gateway/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { origin } });
}

const cors = (response: Response) => ({
  status: response.status,
  origin: response.headers.get('access-control-allow-origin'),
  credentials: response.headers.get('access-control-allow-credentials'),
});

describe('CORS by default (CORS_ORIGINS unset)', () => {
  it.each([LISTED, 'https://elsewhere.test', 'null'])('%s: `*` without credentials', async (origin) => {
    const stack = createStack();
    const before = await preflight(stack, origin);
    expect(cors(before)).toEqual({ status: 204, origin: '*', credentials: null });
    expect(before.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(before.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    const response = await simple(stack, origin);
    expect(cors(response)).toEqual({ status: 200, origin: '*', credentials: null });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('CORS with CORS_ORIGINS', () => {
  const stack = createStack({ corsOrigins: [LISTED, 'http://localhost:3000'] });
  const UNLISTED = ['https://elsewhere.test', 'null', 'https://app.example.com.evil.test', 'http://app.example.com'];

  it.each([
    ['preflight', preflight, 204],
    ['simple request', simple, 200],
  ] as const)(
    '%s: credentials for a listed origin only; any other, null included, gets `*`',
    async (_kind, send, status) => {
      for (const origin of [LISTED, 'http://localhost:3000']) {
        const answer = await send(stack, origin);
        expect(cors(answer)).toEqual({ status, origin, credentials: 'true' });
        expect(answer.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
      for (const origin of UNLISTED) {
        const answer = await send(stack, origin);
        expect({ origin, answer: cors(answer) }).toEqual({
          origin,
          answer: { status, origin: '*', credentials: null },
        });
        expect(answer.headers.get('vary')).toMatch(/\bOrigin\b/);
      }
    },
  );

  it('a request without Origin gets no CORS headers, and Vary: Origin for caches', async () => {
    const response = await stack.gateway.fetch(`http://gateway/graphql?query=${encodeURIComponent(QUERY)}`);
    expect(cors(response)).toEqual({ status: 200, origin: null, credentials: null });
    expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('preflights need no token and spend no budget; refusals carry the same CORS headers', async () => {
    const secret = 'a-shared-key-of-reasonable-length';
    const guarded = createStack({ corsOrigins: [LISTED], auth: { jwtSecret: secret }, clientMaxRps: 2 });
    for (let i = 0; i < 3; i++) expect((await preflight(guarded, 'null')).status).toBe(204);
    expect(cors(await simple(guarded, LISTED))).toEqual({ status: 401, origin: LISTED, credentials: 'true' });
    expect(cors(await simple(guarded, 'null'))).toEqual({ status: 401, origin: '*', credentials: null });
    expect(cors(await simple(guarded, 'null'))).toEqual({ status: 429, origin: '*', credentials: null });
  });
});
