import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStack, type Stack } from '../helpers/stack';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function hs256(payload: object, secret: string): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

const QUERY = '{ repository(name: "web/frontend") { repositoryName } }';

async function ask(stack: Stack, headers: Record<string, string> = {}) {
  const response = await stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: QUERY }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('bearer-token authentication', () => {
  const secret = 'a-shared-key-of-reasonable-length';
  const auth = { jwtSecret: secret, issuer: 'https://issuer.test', audience: 'ecr-gateway' };
  const claims = () => ({ sub: 'frontend', iss: auth.issuer, aud: auth.audience, exp: now() + 60 });

  it('answers 401 to a request without a token, or with a bad one, before any upstream call', async () => {
    const stack = createStack({ auth });
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${hs256(claims(), 'some-other-key-entirely')}` },
      // Expired past the default leeway (AUTH_JWT_CLOCK_SKEW_S, 30 s).
      { authorization: `Bearer ${hs256({ ...claims(), exp: now() - 120 }, secret)}` },
      // No expiry at all: jsonwebtoken would accept it forever.
      { authorization: `Bearer ${hs256({ sub: 'frontend', iss: auth.issuer, aud: auth.audience }, secret)}` },
      { authorization: `Bearer ${hs256({ ...claims(), exp: String(now() + 60) }, secret)}` },
      { authorization: 'Bearer' },
      { authorization: `Bearer ${hs256(claims(), secret)} extra` },
      { authorization: `Bearer ${hs256({ ...claims(), aud: 'someone-else' }, secret)}` },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    ];
    for (const headers of cases) {
      const result = await ask(stack, headers);
      expect({ headers, status: result.status }).toEqual({ headers, status: 401 });
      expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(result.body).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect(result.body.data).toBeUndefined();
    }
    expect(stack.calls()).toBe(0);
  });

  it('serves a request with a valid token', async () => {
    const stack = createStack({ auth });
    const result = await ask(stack, { authorization: `Bearer ${hs256(claims(), secret)}` });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { repository: { repositoryName: 'web/frontend' } } });
  });

  it('matches the scheme `Bearer` in any case (RFC 7235)', async () => {
    const stack = createStack({ auth });
    for (const scheme of ['bearer', 'BEARER', 'bEaReR', 'Bearer ']) {
      const result = await ask(stack, { authorization: `${scheme} ${hs256(claims(), secret)}` });
      expect({ scheme, status: result.status }).toEqual({ scheme, status: 200 });
    }
  });

  it('allows AUTH_JWT_CLOCK_SKEW_S of leeway on exp: 30 s by default, as configured', async () => {
    const expired = (seconds: number) => ({
      authorization: `Bearer ${hs256({ ...claims(), exp: now() - seconds }, secret)}`,
    });
    const lenient = createStack({ auth });
    expect((await ask(lenient, expired(10))).status).toBe(200);
    expect((await ask(lenient, expired(45))).status).toBe(401);
    const strict = createStack({ auth: { ...auth, clockSkewS: 0 } });
    expect((await ask(strict, expired(10))).status).toBe(401);
    const wide = createStack({ auth: { ...auth, clockSkewS: 120 } });
    expect((await ask(wide, expired(90))).status).toBe(200);
  });

  it('verifies RS256 tokens against a JWKS endpoint', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' };
    const jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    try {
      const port = (jwks.address() as AddressInfo).port;
      const stack = createStack({ auth: { jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json` } });
      const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${b64({ sub: 'router', exp: now() + 60 })}`;
      const token = `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
      expect((await ask(stack, { authorization: `Bearer ${token}` })).status).toBe(200);
      const forged = `${head}.${createSign('RSA-SHA256').update(`${head}x`).sign(privateKey).toString('base64url')}`;
      expect((await ask(stack, { authorization: `Bearer ${forged}` })).status).toBe(401);
    } finally {
      await new Promise((resolve) => jwks.close(resolve));
    }
  });

  it('is off by default: the demo needs no token', async () => {
    expect((await ask(createStack())).status).toBe(200);
  });
});

describe('per-client request budget', () => {
  it('answers 429 with Retry-After past the budget, per client, before any upstream call', async () => {
    const secret = 'a-shared-key-of-reasonable-length';
    const stack = createStack({ clientMaxRps: 3, auth: { jwtSecret: secret }, upstream: { cacheTtlMs: 0 } });
    const token = (sub: string) => `Bearer ${hs256({ sub, exp: now() + 60 }, secret)}`;
    const a = { authorization: token('client-a') };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await ask(stack, a));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(Number(results[3]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(results[3]?.body).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(stack.calls()).toBe(3);
    // Another client has a budget of its own.
    expect((await ask(stack, { authorization: token('client-b') })).status).toBe(200);
  });

  it('counts a token under any spelling of its scheme as one client', async () => {
    const secret = 'a-shared-key-of-reasonable-length';
    const stack = createStack({ clientMaxRps: 3, auth: { jwtSecret: secret }, upstream: { cacheTtlMs: 0 } });
    const jwt = hs256({ sub: 'client-a', exp: now() + 60 }, secret);
    const statuses = [];
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'Bearer ', 'bEARER']) {
      statuses.push((await ask(stack, { authorization: `${scheme} ${jwt}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('without authentication, counts a client by its address: a made-up header per request buys nothing', async () => {
    const stack = createStack({ clientMaxRps: 3, upstream: { cacheTtlMs: 0 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(stack, { authorization: `Bearer made-up-${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
