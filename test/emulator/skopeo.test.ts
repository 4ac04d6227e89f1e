/**
 * A registry client nobody here wrote agrees with the standalone emulator: Debian's skopeo lists
 * tags, inspects manifests and configs, and copies images (verifying every digest it reads) from
 * `npm run emulator` over loopback http. CI installs skopeo (.ci/run) and runs this with CI=true,
 * where a missing skopeo fails; elsewhere the suite is skipped only when skopeo is not installed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDemoCatalog } from '../../src/emulator';
import { type Started, startScript } from '../helpers/process';
import { sha256 } from '../helpers/registry-http';

const run = promisify(execFile);
const READY = /ECR Public emulator listening on http:\/\/127\.0\.0\.1:(\d+)/;
const installed = spawnSync('skopeo', ['--version']).status === 0;
const suite = installed || process.env.CI ? describe : describe.skip;

const demoImages = (name: string) =>
  createDemoCatalog().registries[0]?.repositories.find((r) => r.repositoryName === name)?.images ?? [];
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

suite('skopeo against the standalone emulator', () => {
  let emulator: Started;
  let host: string;
  let work: string;
  let policy: string;

  /** skopeo's stdout; a failure rejects with its stderr. */
  const skopeo = async (...args: string[]): Promise<string> =>
    // linux/amd64 whatever this machine is: an index resolves to that platform.
    (
      await run('skopeo', ['--override-os', 'linux', '--override-arch', 'amd64', ...args], {
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, HOME: work },
      })
    ).stdout;
  const ref = (repo: string) => `docker://${host}/acme/${repo}`;

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'skopeo-'));
    // A policy of its own, so the run does not depend on the machine's /etc/containers/policy.json.
    policy = path.join(work, 'policy.json');
    await writeFile(policy, JSON.stringify({ default: [{ type: 'insecureAcceptAnything' }] }));
    emulator = await startScript('src/emulator/main.ts', { EMULATOR_PORT: '0', ECR_PUBLIC_FIXTURE: '' }, READY);
    host = `127.0.0.1:${emulator.match[1]}`;
  });
  afterAll(async () => {
    emulator?.child.kill('SIGTERM');
    await emulator?.exited;
    await rm(work, { recursive: true, force: true });
  });

  it('list-tags: every tag of the repository, as the in-process demo catalog has them', async () => {
    const listed = JSON.parse(await skopeo('list-tags', '--tls-verify=false', ref('tools/healthcheck')));
    const tags = demoImages('tools/healthcheck').flatMap((i) => i.imageTags ?? []);
    expect(listed.Tags).toEqual([...tags].sort(byteOrder));
    expect(listed.Repository).toBe(`${host}/acme/tools/healthcheck`);
  });

  it('inspect: the digest DescribeImages reports, the raw manifest that hashes to it, the config', async () => {
    const image = demoImages('web/frontend').find((i) => i.imageTags?.includes('latest'));
    const inspected = JSON.parse(await skopeo('inspect', '--tls-verify=false', `${ref('web/frontend')}:latest`));
    // The same digest in another process: the demo content is deterministic.
    expect(inspected.Digest).toBe(image?.imageDigest);
    expect(inspected).toMatchObject({ Os: 'linux', Architecture: 'amd64' });
    expect(inspected.Labels['org.opencontainers.image.source']).toBe('https://git.example.com/acme/web/frontend');
    const raw = await skopeo('inspect', '--raw', '--tls-verify=false', `${ref('web/frontend')}:latest`);
    expect(sha256(Buffer.from(raw))).toBe(image?.imageDigest);
    const config = JSON.parse(
      await skopeo('inspect', '--config', '--tls-verify=false', `${ref('web/frontend')}:latest`),
    );
    expect(config).toMatchObject({
      os: 'linux',
      architecture: 'amd64',
      config: { User: '10001', WorkingDir: '/srv', ExposedPorts: { '8080/tcp': {} } },
    });
    expect(config.created).toBe(inspected.Created);
  });

  it('copy to dir: every blob written under the digest it hashes to, the manifest as served', async () => {
    const dir = path.join(work, 'healthcheck');
    await skopeo(
      'copy',
      '--policy',
      policy,
      '--src-tls-verify=false',
      `${ref('tools/healthcheck')}:1.0.0`,
      `dir:${dir}`,
    );
    const manifest = await readFile(path.join(dir, 'manifest.json'));
    const raw = await skopeo('inspect', '--raw', '--tls-verify=false', `${ref('tools/healthcheck')}:1.0.0`);
    const files = (await readdir(dir)).filter((f) => /^[0-9a-f]{64}$/.test(f));
    const parsed = JSON.parse(manifest.toString());
    // A single manifest is copied as served; of an index, its linux/amd64 manifest.
    const served = JSON.parse(raw);
    const expected = served.manifests
      ? served.manifests.find((m: { platform: { architecture: string } }) => m.platform.architecture === 'amd64').digest
      : sha256(Buffer.from(raw));
    expect(sha256(manifest)).toBe(expected);
    expect(files.sort()).toEqual(
      [parsed.config, ...parsed.layers].map((d: { digest: string }) => d.digest.slice(7)).sort(),
    );
    for (const f of files) expect(sha256(await readFile(path.join(dir, f)))).toBe(`sha256:${f}`);
  });

  it('copy --all to an OCI layout: the index with its platforms and attestation manifests, every digest kept', async () => {
    const image = demoImages('web/frontend').find((i) => i.imageTags?.includes('latest'));
    const layout = path.join(work, 'frontend');
    await skopeo(
      'copy',
      '--all',
      '--policy',
      policy,
      '--src-tls-verify=false',
      `${ref('web/frontend')}:latest`,
      `oci:${layout}:latest`,
    );
    const index = JSON.parse((await readFile(path.join(layout, 'index.json'))).toString());
    expect(index.manifests[0].digest).toBe(image?.imageDigest);
    const blobs = path.join(layout, 'blobs', 'sha256');
    const top = JSON.parse((await readFile(path.join(blobs, String(image?.imageDigest).slice(7)))).toString());
    expect(top.manifests.map((m: { platform: { os: string } }) => m.platform.os)).toEqual([
      'linux',
      'linux',
      'unknown',
      'unknown',
    ]);
    for (const f of await readdir(blobs)) expect(sha256(await readFile(path.join(blobs, f)))).toBe(`sha256:${f}`);
    // Every platform and attestation manifest, config and layer, fetched from the registry.
    const calls = (await (await fetch(`http://${host}/__control/calls`)).json()) as {
      operation: string;
      status: number;
    }[];
    expect(calls.some((c) => c.operation === 'RegistryBlob' && c.status === 307)).toBe(true);
    expect(calls.filter((c) => c.operation === 'RegistryManifest').every((c) => c.status === 200)).toBe(true);
  });

  it('a failing registry fails the copy with its 500', async () => {
    const faults = await fetch(`http://${host}/__control/faults`, {
      method: 'POST',
      body: JSON.stringify({ serverErrorRate: 1, operations: ['RegistryBlob'] }),
    });
    expect(faults.status).toBe(200);
    try {
      await expect(
        skopeo(
          'copy',
          '--retry-times',
          '0',
          '--policy',
          policy,
          '--src-tls-verify=false',
          `${ref('tools/healthcheck')}:1.0.1`,
          `dir:${path.join(work, 'throttled')}`,
        ),
      ).rejects.toThrow(/500|internal server error/i);
      const calls = (await (await fetch(`http://${host}/__control/calls`)).json()) as { operation: string }[];
      expect(calls.filter((c) => c.operation === 'RegistryBlob').at(-1)).toMatchObject({
        status: 500,
        errorType: 'UNKNOWN',
      });
    } finally {
      await fetch(`http://${host}/__control/reset`, { method: 'POST' });
    }
  });
});
