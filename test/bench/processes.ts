/**
 * The benchmark's servers as child processes (`node --import tsx <script>`), each ready when it
 * prints its listening line: a signal, never a sleep. After that, its output is drained and
 * dropped (the gateway logs a line per request), keeping only a tail of stderr for diagnostics.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface Server {
  name: string;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  child: ChildProcess;
  /** SIGTERM, then wait for the exit (a CPU profile, if asked, is written on the way out). */
  stop(): Promise<void>;
  /** CPU time the process has used so far, ms (user + system; Linux /proc only, else undefined). */
  cpuMs(): number | undefined;
}

/**
 * A process's CPU time from /proc/<pid>/stat (utime and stime, fields 14 and 15, in clock ticks of
 * 1/100 s on Linux). CPU per request is far steadier than requests per second on a shared machine.
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export interface StartOptions {
  name: string;
  script: string;
  env: Record<string, string>;
  /** Matches the ready line; group 1 is the port. */
  ready: RegExp;
  /** Extra `node` flags, such as `--cpu-prof`. */
  nodeArgs?: string[];
  /** @default 30000 */
  timeoutMs?: number;
}

const TAIL = 4000;

export function startServer(options: StartOptions): Promise<Server> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.script], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-TAIL);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // A drain that never ends must not hang the benchmark: a bounded wait, then SIGKILL.
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };

  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} not ready in ${options.timeoutMs ?? 30_000} ms; stderr: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = options.ready.exec(line);
        if (!match?.[1]) continue;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep reading so the child never blocks on a full pipe; the lines themselves are dropped.
        child.stdout?.resume();
        resolve({
          name: options.name,
          origin: `http://127.0.0.1:${match[1]}`,
          child,
          stop,
          cpuMs: () => cpuMsOf(child.pid),
        });
        return;
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready; stderr: ${stderr}`));
    });
  });
}
