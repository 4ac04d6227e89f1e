/**
 * The real entry point, as `npm start` runs it: the embedded demo catalog by default, the SDK's
 * HTTP path with ECR_PUBLIC_BACKEND=aws, start-up refusals, and draining on SIGTERM.
 */
import http from 'node:http';
import { createEmulator } from '../../src/emulator';
import { testFixture } from '../helpers/fixture';
import { awsBackendEnv, GATEWAY_READY, runScript, startCommand, startScript } from '../helpers/process';
import type { GraphQLResponse } from '../helpers/stack';

async function post(base: string, query: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

describe('npm start', () => {
  it('runs on the Node.js the project brings, with no SDK warning, and stops on SIGTERM to npm itself', async () => {
    // npm's own pid, as systemd, pm2 or a shell would signal it; PATH's node may be older.
    const started = await startCommand(['npm', 'start'], { PORT: '0' }, GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      const major = Number(metrics.match(/nodejs_version_info\{[^}]*major="(\d+)"/)?.[1]);
      expect(major).toBeGreaterThanOrEqual(24);
      const { body } = await post(base, '{ repository(name: "web/frontend") { repositoryName } }');
      expect(body.errors).toBeUndefined();
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
    // The gateway itself is gone, not orphaned behind a dead npm.
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    expect(started.stderr()).not.toMatch(/NodeVersionSupportWarning|EBADENGINE/);
  });

  it('serves the embedded demo catalog and GraphiQL, and exits 0 on SIGTERM', async () => {
    const started = await startScript('src/main.ts', { PORT: '0' }, GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const { body } = await post(base, '{ repositories(first: 100) { edges { node { repositoryName } } } }');
      expect(body.errors).toBeUndefined();
      expect((body.data?.repositories as { edges?: unknown[] } | undefined)?.edges?.length).toBeGreaterThanOrEqual(10);

      const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('YogaGraphiQL');
      expect(html).toContain('query Gallery');
      // Served from the gateway itself: nothing to fetch from a CDN.
      expect(html).not.toMatch(/<script[^>]+src="https?:/);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/readiness`)).status).toBe(200);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it('talks to any ECR Public endpoint over HTTP with ECR_PUBLIC_BACKEND=aws, and drains requests in flight on SIGTERM', async () => {
    const emulator = createEmulator(testFixture());
    const upstream = await emulator.listen(0);
    const started = await startScript('src/main.ts', awsBackendEnv(upstream.url), GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const { body } = await post(base, '{ repository(name: "web/frontend") { repositoryUri } }');
      expect(body.data).toEqual({ repository: { repositoryUri: 'public.ecr.aws/testco/web/frontend' } });

      // A request in flight: the upstream holds it; SIGTERM arrives once the emulator has it.
      emulator.faults.set({ latencyMs: 300 });
      const callsBefore = emulator.calls.count('DescribeRepositories');
      const inFlight = post(base, '{ repository(name: "web/backend") { repositoryName } }');
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (emulator.calls.count('DescribeRepositories') > callsBefore) resolve();
          else setImmediate(check);
        };
        check();
      });
      started.child.kill('SIGTERM');
      const answered = await inFlight;
      expect(answered.body.data).toEqual({ repository: { repositoryName: 'web/backend' } });
      expect(await started.exited).toBe(0);
    } finally {
      started.child.kill('SIGKILL');
      await upstream.close();
    }
  });

  it('stops serving a keep-alive client on SIGTERM instead of letting it hold the process open', async () => {
    // Each answer takes a while upstream, so the connection is busy, not idle, when SIGTERM lands.
    const emulator = createEmulator(testFixture());
    emulator.faults.set({ latencyMs: 40 });
    const upstream = await emulator.listen(0);
    const started = await startScript(
      'src/main.ts',
      { ...awsBackendEnv(upstream.url), UPSTREAM_CACHE_TTL_MS: '0' },
      GATEWAY_READY,
    );
    const { hostname, port } = new URL(started.match[1] as string);
    const body = JSON.stringify({ query: '{ repository(name: "web/frontend") { repositoryName } }' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const ask = () =>
      new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
        const request = http.request(
          {
            host: hostname,
            port,
            path: '/graphql',
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
            );
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    try {
      expect((await ask()).connection).toBe('keep-alive');
      // One client asks back to back on its pooled connection, so it is never idle when SIGTERM
      // lands: it must be turned away soon after, not served for as long as it keeps asking.
      let served = 0;
      let refused = false;
      while (served < 200 && !refused) {
        if (served === 5) started.child.kill('SIGTERM');
        try {
          await ask();
          served++;
        } catch {
          refused = true;
        }
      }
      expect({ refused, servedAfterSigterm: served }).toEqual({
        refused: true,
        servedAfterSigterm: expect.any(Number),
      });
      expect(served).toBeLessThan(200);
      expect(await started.exited).toBe(0);
    } finally {
      agent.destroy();
      started.child.kill('SIGKILL');
      await upstream.close();
    }
  });

  it('reads SUBGRAPH_NODE_FIELDS at start-up: false leaves Query.node and nodes out of the schema and its SDL', async () => {
    const started = await startScript('src/main.ts', { PORT: '0', SUBGRAPH_NODE_FIELDS: 'false' }, GATEWAY_READY);
    const base = started.match[1] as string;
    try {
      const { body } = await post(base, '{ __type(name: "Query") { fields { name } } _service { sdl } }');
      const data = body.data as { __type: { fields: { name: string }[] }; _service: { sdl: string } };
      const fields = data.__type.fields.map((field) => field.name);
      expect(fields).toEqual(expect.arrayContaining(['repository', 'registries']));
      expect(fields).not.toContain('node');
      expect(fields).not.toContain('nodes');
      const { sdl } = data._service;
      expect(sdl).toMatch(/\brepository\(/);
      expect(sdl).not.toMatch(/\bnodes?\(ids?:/);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);
  });

  it.each([
    ['PORT', { PORT: 'abc' }, /PORT/],
    ['PORT', { PORT: '70000' }, /PORT/],
    ['ECR_PUBLIC_BACKEND', { ECR_PUBLIC_BACKEND: 'azure' }, /ECR_PUBLIC_BACKEND/],
    [
      'ECR_PUBLIC_FIXTURE',
      { ECR_PUBLIC_FIXTURE: '/no/such/fixture.json' },
      /ECR_PUBLIC_FIXTURE.*\/no\/such\/fixture\.json/,
    ],
    ['UPSTREAM_TIMEOUT_MS', { UPSTREAM_TIMEOUT_MS: '-5' }, /UPSTREAM_TIMEOUT_MS/],
    ['SUBGRAPH_NODE_FIELDS', { SUBGRAPH_NODE_FIELDS: 'maybe' }, /SUBGRAPH_NODE_FIELDS/],
  ])('refuses a bad %s with one clear line', async (_name, env, pattern) => {
    const result = await runScript('src/main.ts', env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});
