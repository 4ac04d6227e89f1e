/** `npm run emulator` as a user runs it: the real entry point in a child process, queried over loopback. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DescribeRepositoriesCommand, ECRPUBLICClient } from '@aws-sdk/client-ecr-public';
import './sdk'; // turns the SDK's Node-version warning off

const ROOT = path.join(__dirname, '..', '..');
const READY = /^ECR Public emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

function start(env: Record<string, string>): ChildProcess {
  const { ECR_PUBLIC_FIXTURE: _f, EMULATOR_PORT: _p, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', 'src/emulator/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The URL of the ready line, as soon as the child prints it. */
function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${stderr}`)));
  });
}

/** Exit code and stderr of a child that should stop on its own. */
function exit(child: ChildProcess): Promise<{ code: number | null; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr, stdout })));
}

describe('npm run emulator', () => {
  // Concurrent: each child spends most of a second starting tsx.
  it.concurrent('serves the demo catalog to an SDK routed by AWS_ENDPOINT_URL_ECR_PUBLIC, and exits 0 on SIGTERM', async () => {
    const child = start({ EMULATOR_PORT: '0' });
    const stopped = exit(child);
    try {
      const url = await ready(child);
      process.env.AWS_ENDPOINT_URL_ECR_PUBLIC = url;
      const client = new ECRPUBLICClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      });
      const { repositories } = await client.send(new DescribeRepositoriesCommand({}));
      expect(repositories?.length).toBeGreaterThanOrEqual(10);
      expect(repositories?.map((r) => r.repositoryName)).toContain('platform/ci-runner');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_ECR_PUBLIC;
      child.kill('SIGTERM');
    }
    expect((await stopped).code).toBe(0);
  });

  it.concurrent.each([
    [{ EMULATOR_PORT: '70000' }, "EMULATOR_PORT: must be an integer from 0 to 65535, got '70000'"],
    [
      { EMULATOR_PORT: '0', ECR_PUBLIC_FIXTURE: 'test/fixtures/emulator-bad-digest.json' },
      'ECR_PUBLIC_FIXTURE: fixture test/fixtures/emulator-bad-digest.json: registries[0].repositories[0].images[1].imageDigest: must match sha256:<64 hex digits>',
    ],
  ])('stops on %j with exit 1 and one line naming the variable', async (env, line) => {
    const { code, stderr, stdout } = await exit(start(env));
    expect(code).toBe(1);
    expect(stderr).toBe(`${line}\n`);
    expect(stdout).toBe('');
  });
});
