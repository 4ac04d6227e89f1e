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
  /** Resolves with the match once stdout (from the start) matches `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
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
  return startCommand([process.execPath, '--import', 'tsx', script], env, ready, timeoutMs);
}

/** Runs `command` (its program first) from the project root with `env` added. */
export function startCommand(
  command: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 20_000,
): Promise<Started> {
  const [program, ...args] = command as [string, ...string[]];
  const script = command.join(' ');
  const child = spawn(program, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, waitMs = timeoutMs): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${script}: no ${pattern} in ${waitMs} ms; stdout: ${out}`));
      }, waitMs);
      const check = (): void => {
        const match = out.match(pattern);
        if (!match) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(match);
      };
      waiters.add(check);
      check();
    });
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const check of [...waiters]) check();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`${script} exited with ${code} before it was ready; stderr: ${err}`)));
    waitFor(ready).then(
      (match) => resolve({ child, match, stderr: () => err, waitFor, exited }),
      (error: Error) => {
        child.kill('SIGKILL');
        reject(new Error(`${error.message} stderr: ${err}`));
      },
    );
  });
}

/** Runs a script that is expected to stop at once; returns its exit code and output. */
export function runScript(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
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
export const GATEWAY_READY = /gateway listening on (http:\/\/\S+?)\/graphql/;

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
