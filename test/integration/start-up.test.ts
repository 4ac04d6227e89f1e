/**
 * The gateway process as an operator runs it (`node --import tsx src/main.ts`, what `npm start`
 * execs): compressed answers, HOST and METRICS_PORT, what it warns about at start-up, and what it
 * refuses to start with.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { awsBackendEnv, GATEWAY_READY, runScript, startScript } from '../helpers/process';

const PAGE = JSON.stringify({
  query: '{ repository(name: "web/frontend") { images(first: 100) { edges { cursor node { imageDigest } } } } }',
});

const MALFORMED_DOCUMENTS = join(mkdtempSync(join(tmpdir(), 'gateway-docs-')), 'persisted-documents.json');
writeFileSync(MALFORMED_DOCUMENTS, '{ "sha256:ab": ');

/** A loopback port that nothing listens on: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('the gateway process', () => {
  it('compresses GraphiQL and JSON answers by Accept-Encoding, and leaves small ones alone', async () => {
    const started = await startScript('src/main.ts', { PORT: '0' }, GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const identity = await fetch(`${base}/graphql`, {
        headers: { accept: 'text/html', 'accept-encoding': 'identity' },
      });
      const plainSize = (await identity.arrayBuffer()).byteLength;
      expect(identity.headers.get('content-encoding')).toBeNull();

      // Node's fetch decompresses by itself; node:http's raw bytes show what travelled.
      const raw = async (path: string, init: RequestInit & { headers: Record<string, string> }) => {
        return new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
          (resolve, reject) => {
            const url = new URL(path, base);
            const req = request(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () =>
                resolve({
                  encoding: res.headers['content-encoding'],
                  vary: res.headers.vary,
                  body: Buffer.concat(chunks),
                }),
              );
            });
            req.on('error', reject);
            req.end(init.body as string | undefined);
          },
        );
      };
      const graphiql = await raw('/graphql', { headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' } });
      expect(graphiql.encoding).toBe('br');
      expect(graphiql.vary).toMatch(/accept-encoding/i);
      expect(graphiql.body.byteLength).toBeLessThan(plainSize / 3);
      expect(brotliDecompressSync(graphiql.body).toString()).toContain('YogaGraphiQL');

      const json = { 'content-type': 'application/json', 'accept-encoding': 'gzip' };
      const page = await raw('/graphql', { method: 'POST', headers: json, body: PAGE });
      expect(page.encoding).toBe('gzip');
      const answer = JSON.parse(gunzipSync(page.body).toString());
      expect(answer.data.repository.images.edges.length).toBeGreaterThan(10);

      const small = await raw('/graphql', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ repository(name: "web/frontend") { repositoryName } }' }),
      });
      expect(small.encoding).toBeUndefined();
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('binds HOST, and serves /metrics only on METRICS_PORT when it is set', async () => {
    const started = await startScript(
      'src/main.ts',
      { PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0' },
      /gateway listening on (http:\/\/127\.0\.0\.1:\d+)\/graphql/,
    );
    const base = started.match[1] as string;
    try {
      const metricsBase = (await started.waitFor(/metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/))[1] as string;
      const onMetricsPort = await fetch(`${metricsBase}/metrics`);
      expect(onMetricsPort.status).toBe(200);
      expect(await onMetricsPort.text()).toContain('nodejs_version_info');
      expect((await fetch(`${metricsBase}/graphql`)).status).toBe(404);
      const onGraphqlPort = await fetch(`${base}/metrics`);
      expect(onGraphqlPort.status).toBe(404);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('warns at start-up when ECR_PUBLIC_BACKEND=aws finds no credentials', async () => {
    const port = await closedPort();
    const started = await startScript(
      'src/main.ts',
      {
        ...awsBackendEnv(`http://127.0.0.1:${port}`),
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_PROFILE: '',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
        AWS_WEB_IDENTITY_TOKEN_FILE: '',
      },
      GATEWAY_READY,
    );
    try {
      const warning = await started.waitFor(/^.*found no AWS credentials.*$/m);
      expect(JSON.parse(warning[0])).toMatchObject({ level: 40, problem: expect.any(String) });
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('says the upstream refused the connection, not that it timed out', async () => {
    const port = await closedPort();
    const started = await startScript('src/main.ts', awsBackendEnv(`http://127.0.0.1:${port}`), GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ repository(name: "web/frontend") { repositoryName } }' }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(body.errors[0]?.message).toMatch(/refused the connection/);
      expect(started.stderr()).not.toMatch(/NodeVersionSupportWarning/);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('signs cursors with a random key of its own in production without CURSOR_SECRET, and warns', async () => {
    const env = { PORT: '0', NODE_ENV: 'production', CURSOR_SECRET: '' };
    const [one, two] = await Promise.all([
      startScript('src/main.ts', env, GATEWAY_READY),
      startScript('src/main.ts', env, GATEWAY_READY),
    ]);
    try {
      const warning = await one.waitFor(/^.*CURSOR_SECRET is unset.*$/m);
      expect(JSON.parse(warning[0])).toMatchObject({ level: 40, msg: expect.stringMatching(/random key.*replica/) });
      const ask = async (base: string, after?: string) => {
        const response = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query:
              'query($after: String) { repository(name: "platform/ci-runner") { images(first: 1, after: $after) { pageInfo { endCursor } } } }',
            variables: { after },
          }),
        });
        return (await response.json()) as {
          data?: { repository: { images: { pageInfo: { endCursor: string } } } };
          errors?: { extensions: { code: string } }[];
        };
      };
      const cursor = (await ask(one.match[1] as string)).data?.repository.images.pageInfo.endCursor as string;
      expect((await ask(one.match[1] as string, cursor)).errors).toBeUndefined();
      expect((await ask(two.match[1] as string, cursor)).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      one.child.kill('SIGTERM');
      two.child.kill('SIGTERM');
    }
    expect(await Promise.all([one.exited, two.exited])).toEqual([0, 0]);
  });

  it.each([
    [
      'a placeholder CURSOR_SECRET in production',
      { NODE_ENV: 'production', CURSOR_SECRET: 'change-me-to-a-shared-secret' },
      /CURSOR_SECRET/,
    ],
    ['a short CURSOR_SECRET in production', { NODE_ENV: 'production', CURSOR_SECRET: 'hunter2' }, /CURSOR_SECRET/],
    ['METRICS_PORT equal to PORT', { PORT: '4555', METRICS_PORT: '4555' }, /METRICS_PORT/],
    [
      'a PERSISTED_DOCUMENTS that does not exist',
      { PERSISTED_DOCUMENTS: '/nonexistent/docs.json' },
      /PERSISTED_DOCUMENTS: cannot read/,
    ],
    [
      'a PERSISTED_DOCUMENTS that is not JSON',
      { PERSISTED_DOCUMENTS: MALFORMED_DOCUMENTS },
      /PERSISTED_DOCUMENTS: .* is not JSON/,
    ],
    ['PERSISTED_DOCUMENTS_ONLY without a file', { PERSISTED_DOCUMENTS_ONLY: 'true' }, /PERSISTED_DOCUMENTS_ONLY/],
  ])('refuses %s with one clear line', async (_name, env, pattern) => {
    const result = await runScript('src/main.ts', env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(lines[0]).not.toContain('hunter2');
  });
});
