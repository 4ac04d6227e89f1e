/**
 * Starts a project command as a child process and waits for the line that says it is ready:
 * a signal, never a sleep.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Started {
  child: ChildProcess;
  /** The ready line's match. */
  match: RegExpMatchArray;
  stderr(): string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

/** Runs `node --import tsx <script>` from the project root with `env` added. */
export function startScript(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 20_000,
): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready in ${timeoutMs} ms; stdout: ${out} stderr: ${err}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = out.match(ready);
      if (match) {
        clearTimeout(timer);
        // Keep reading (a full pipe would stall the child), but keep nothing.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve({ child, match, stderr: () => err, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready; stderr: ${err}`));
    });
  });
}

/** Runs a script that is expected to stop at once; returns its exit code and output. */
export function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** The gateway's ready log line; its group is the base URL. */
export const GATEWAY_READY = /gateway listening on (http:\/\/localhost:\d+)\/graphql/;

/** The gateway on a free port, on its production path (the SDK over HTTP) to this ECR Public endpoint. */
export function awsBackendEnv(endpointUrl: string): Record<string, string> {
  return {
    PORT: '0',
    ECR_PUBLIC_BACKEND: 'aws',
    AWS_ENDPOINT_URL_ECR_PUBLIC: endpointUrl,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
  };
}
