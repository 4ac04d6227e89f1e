/**
 * The raw node:http limit for cached rows: a bare server that reads each request's body and
 * answers with bytes it already holds. It learns each distinct request's answer once, from the
 * gateway at ANSWERS_FROM (its first request per body, untimed in warm-up), then never computes
 * again: no GraphQL, no JSON, no cache lookup beyond one Map get. What "cached" could cost at best.
 *
 * PORT (0 = any free port), ANSWERS_FROM (the gateway's origin); prints
 * `raw listening on http://127.0.0.1:<port>`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const origin = process.env.ANSWERS_FROM;
if (!origin) throw new Error('ANSWERS_FROM is required');
const answers = new Map<string, Promise<Buffer>>();

function learn(path: string, body: string): Promise<Buffer> {
  const key = `${path}\n${body}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      async (response) => Buffer.from(await response.arrayBuffer()),
    );
    answers.set(key, answer);
  }
  return answer;
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = await learn(req.url ?? '/', Buffer.concat(chunks).toString('utf8'));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.end(bytes);
}

const server = createServer((req, res) => {
  answer(req, res).catch(() => res.writeHead(502).end());
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`raw listening on http://127.0.0.1:${port}`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
