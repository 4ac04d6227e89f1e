/**
 * The loopback transport: node:http in front of `handle`. A dropped call destroys its socket without
 * an answer; close() stops listening, destroys open connections and aborts calls waiting on latency.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EmulatorRequest, EmulatorResponse, Listening } from './types';

type Handle = (req: EmulatorRequest, signal?: AbortSignal) => Promise<EmulatorResponse>;
/** Answers what is not an AWS call (the control API); undefined for what is. */
export type Aside = (req: EmulatorRequest) => EmulatorResponse | undefined;

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

export function listen(handle: Handle, port = 0, host = '127.0.0.1', aside?: Aside): Promise<Listening> {
  const inFlight = new Set<AbortController>();
  const server = createServer((req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    // The client went away before its answer: stop waiting on its behalf.
    res.on('close', () => {
      inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
    });
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: headersOf(req),
        body: Buffer.concat(chunks),
      };
      const direct = aside?.(request);
      if (direct) {
        res.writeHead(direct.status, direct.headers);
        res.end(direct.body);
        return;
      }
      handle(request, controller.signal).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          if (answer.stream) pipeline(Readable.from(answer.stream()), res).catch(() => req.socket.destroy());
          else res.end(answer.body);
        },
        // A drop, or an abort: either way the connection ends unanswered.
        () => req.socket.destroy(),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        port: address.port,
        url: `http://${urlHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const controller of inFlight) controller.abort();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
