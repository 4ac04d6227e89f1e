/**
 * graphql-ws meets what any request meets: an operation over the socket is served as a request
 * of its own, so authentication (the upgrade's Authorization header or `authorization` in
 * connection_init, all a browser can send) and the client budget apply, with no upstream call
 * for what they refuse.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachGraphqlWs, type GraphqlWs } from '../../src/http/graphql-ws';
import { createStack, type Stack } from '../helpers/stack';
import { sseSubscriber, wsSubscriber } from '../helpers/subscribers';
import { changesOf, until } from '../helpers/watching';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const secret = 'a-shared-key-of-reasonable-length';
function token(): string {
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'ui', exp: Math.floor(Date.now() / 1000) + 60 })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

let stack: Stack;
let server: Server;
let websockets: GraphqlWs;
let url: string;

beforeAll(async () => {
  stack = createStack({ auth: { jwtSecret: secret }, clientMaxRps: 3, watch: { intervalMs: 1000 } });
  server = createServer(stack.gateway);
  websockets = attachGraphqlWs(server, {
    path: '/graphql',
    maxPayloadBytes: 64 * 1024,
    handle: (request, context) => Promise.resolve(stack.gateway.fetch(request, context)),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await websockets.close(0);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const errorCodes = async (error: Promise<unknown>): Promise<unknown[]> =>
  ((await error) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code);

it('refuses a subscription without a token over both transports, before any upstream call', async () => {
  const ws = wsSubscriber(url, changesOf('web/frontend'));
  expect(await errorCodes(ws.errors)).toEqual(['UNAUTHENTICATED']);
  const sse = await sseSubscriber(fetch, url, changesOf('web/frontend'));
  expect(sse.status).toBe(401);
  expect(stack.calls()).toBe(0);
});

it('streams with the token in connection_init, and counts each operation against the client budget', async () => {
  const ws = wsSubscriber(url, changesOf('web/frontend'), { authorization: `Bearer ${token()}` });
  await until(async () => {
    // Authentication keeps /metrics off the GraphQL port: the registry itself.
    const text = await stack.metrics.registry.metrics();
    return /^gateway_subscriptions 1$/m.test(text) || ws.received.length > 0;
  }, 10_000);
  expect(ws.received).toEqual([]);
  ws.close();
  // Leaving ends the operation on the gateway at once, not at the stream's next event.
  await until(
    async () => /^gateway_subscriptions 0$/m.test(await stack.metrics.registry.metrics()),
    2000,
    'stream ended',
  );
  // CLIENT_MAX_RPS 3 from this address: a burst of operations over one socket is refused past it.
  const burst = Array.from({ length: 5 }, () =>
    wsSubscriber(url, changesOf('empty'), { authorization: `Bearer ${token()}` }),
  );
  // Every one of them either streams or is refused; at least one is refused, as RATE_LIMITED.
  expect(await errorCodes(Promise.any(burst.map((s) => s.errors)))).toContain('RATE_LIMITED');
  for (const s of burst) s.close();
});
