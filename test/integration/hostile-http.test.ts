/**
 * Hostile HTTP (issue 13): bodies streamed past REQUEST_MAX_BYTES, chunked or with If-None-Match,
 * half-sent headers and one host holding many connections: each refused fast, with nothing read
 * past the limit, and the process answering others meanwhile.
 */
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { ConfigError, loadConfig } from '../../src/config';
import { GATEWAY_READY, type Started, startScript } from '../helpers/process';
import { createStack } from '../helpers/stack';

const LIMIT = 1024;
const HEAD = '{"query":"{ __typename }","variables":{"pad":[';
const FILL = '[],'.repeat(5000); // 15 KB a chunk

/**
 * A valid JSON body of 8 MB, pulled chunk by chunk and never held whole: without the limit it
 * would be read to its end (and answered), so the test fails rather than hangs.
 */
function hugeBody(): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const last = pulled >= 8 * 1024 * 1024;
      const chunk = encoder.encode(pulled === 0 ? HEAD : last ? '[]]}}' : FILL);
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
      if (last) controller.close();
    },
  });
  return { body, pulled: () => pulled };
}

const post = (stack: ReturnType<typeof createStack>, body: ReadableStream<Uint8Array>, headers = {}) =>
  stack.gateway.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

describe('bodies past REQUEST_MAX_BYTES, in-process', () => {
  it('refuses a chunked body as it streams: 413, having read little more than the limit', async () => {
    const stack = createStack({ limits: { maxBodyBytes: LIMIT } });
    const { body, pulled } = hugeBody();
    const response = await post(stack, body);
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      errors: [{ message: `Request body is larger than ${LIMIT} bytes`, extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(pulled()).toBeLessThan(LIMIT + 4 * FILL.length);
    expect(stack.calls()).toBe(0);
  });

  it('refuses a huge body with If-None-Match by its size, never reading it for the response cache', async () => {
    const stack = createStack({ limits: { maxBodyBytes: LIMIT }, responseCache: { ttlMs: 10_000 } });
    const { body, pulled } = hugeBody();
    const response = await post(stack, body, { 'if-none-match': '"not-this-one"' });
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThan(LIMIT + 4 * FILL.length);
  });
});

/** The port of a gateway started on PORT=0, to reach it on 127.0.0.1 (one client address). */
const portOf = (started: Started): number => Number(new URL(started.match[1] as string).port);

async function healthOn(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/health`);
  await response.arrayBuffer();
  return response.status;
}

/** How a raw connection ends: an answer on it, or closed by the gateway without one. */
function outcome(socket: net.Socket): Promise<'answered' | 'closed'> {
  return new Promise((resolve) => {
    socket.once('data', () => resolve('answered'));
    socket.once('close', () => resolve('closed'));
    socket.on('error', () => undefined);
  });
}

describe('the gateway process at its HTTP edge', () => {
  let gateway: Started;
  let port: number;
  beforeAll(async () => {
    gateway = await startScript(
      'src/main.ts',
      { PORT: '0', HOST: '127.0.0.1', REQUEST_MAX_BYTES: String(LIMIT), HTTP_HEADERS_TIMEOUT_MS: '500' },
      GATEWAY_READY,
    );
    port = portOf(gateway);
  });
  afterAll(async () => {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
  });

  it('refuses a chunked body past the limit with 413 at once and cuts the connection, while /health answers', async () => {
    const request = http.request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST' });
    request.setHeader('content-type', 'application/json'); // no Content-Length: chunked
    request.on('error', () => undefined); // the gateway cuts the connection under the writer
    const closed = new Promise<void>((resolve) => request.once('close', () => resolve()));
    let response: http.IncomingMessage | undefined;
    let answeredAt = 0;
    const answered = new Promise<http.IncomingMessage>((resolve) =>
      request.once('response', (got: http.IncomingMessage) => {
        answeredAt = Date.now();
        response = got;
        resolve(got);
      }),
    );
    let written = 0;
    const write = async (chunk: string): Promise<void> => {
      written += Buffer.byteLength(chunk);
      if (request.write(chunk)) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          request.off('drain', done).off('close', done);
          resolve();
        };
        request.on('drain', done).on('close', done);
      });
    };
    // Under the limit so far: the upload stays open, and the gateway answers others meanwhile.
    await write(HEAD);
    expect(await healthOn(port)).toBe(200);
    const started = Date.now();
    function* fill() {
      while (!response && !request.destroyed && written < 64 * 1024 * 1024) yield FILL;
    }
    for (const chunk of fill()) await write(chunk);
    const refused = await answered;
    expect(refused.statusCode).toBe(413);
    expect(refused.headers['cache-control']).toBe('no-store');
    const text = await new Promise<string>((resolve) => {
      let body = '';
      refused.on('data', (data: Buffer) => {
        body += data.toString();
      });
      refused.once('end', () => resolve(body));
    });
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(answeredAt - started).toBeLessThan(1000);
    // The client never closes: the gateway does, after a short linger for the client to read.
    await closed;
    expect(Date.now() - started).toBeLessThan(5000);
    // Cut, not drained: the writer got only as far as the kernel's buffers took it.
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect(await healthOn(port)).toBe(200);
    // Refused before Yoga saw it, and still in the log and the metrics.
    const logged = await gateway.waitFor(/\{[^\n]*"reason":"body_too_large"[^\n]*\}/);
    expect(JSON.parse(logged[0])).toMatchObject({ level: 40, refused: 1, msg: expect.stringMatching(/413/) });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_http_refused_total\{reason="body_too_large"\} 1$/m);
  });

  it('cuts a connection whose headers do not arrive within HTTP_HEADERS_TIMEOUT_MS', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const started = Date.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl');
    socket.on('error', () => undefined);
    socket.resume(); // read what the gateway sends (its 408), and so see it close
    await once(socket, 'close');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await healthOn(port)).toBe(200);
  }, 15_000);
});

describe('HTTP_MAX_CONNECTIONS_PER_ADDRESS', () => {
  it('destroys a connection over the cap while an earlier one still gets answers', async () => {
    const gateway = await startScript(
      'src/main.ts',
      { PORT: '0', HOST: '127.0.0.1', HTTP_MAX_CONNECTIONS_PER_ADDRESS: '2' },
      GATEWAY_READY,
    );
    const port = portOf(gateway);
    const sockets: net.Socket[] = [];
    try {
      const open = async (): Promise<net.Socket> => {
        const socket = net.connect(port, '127.0.0.1');
        sockets.push(socket);
        await once(socket, 'connect');
        return socket;
      };
      const first = await open();
      await open();
      const third = await open();
      const thirdEnds = outcome(third);
      third.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect(await thirdEnds).toBe('closed');
      const answer = new Promise<string>((resolve) => first.once('data', (data: Buffer) => resolve(data.toString())));
      first.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      expect(await answer).toMatch(/^HTTP\/1\.1 200/);
      await gateway.waitFor(/"reason":"connections_per_address"/);
    } finally {
      for (const socket of sockets) socket.destroy();
      gateway.child.kill('SIGTERM');
      await gateway.exited;
    }
  });
});

describe('the HTTP edge settings', () => {
  it('default to a 10 s headers timeout, a request timeout past the upstream deadline, and connection caps', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 10_000,
      maxConnections: 10_000,
      maxConnectionsPerAddress: 256,
    });
    expect(loadConfig({ UPSTREAM_TIMEOUT_MS: '20000' }).http.requestTimeoutMs).toBe(25_000);
  });

  it('refuse a request timeout shorter than the headers timeout, naming the variable', () => {
    const load = () => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '1000' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^HTTP_REQUEST_TIMEOUT_MS: /);
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0' })).toThrow(/^HTTP_MAX_CONNECTIONS_PER_ADDRESS: /);
  });
});
