/**
 * The benchmark's baseline: the fastest honest hand-written service, a bare `node:http` server
 * that calls the SDK directly (the same ECR Public endpoint, through AWS_ENDPOINT_URL_ECR_PUBLIC)
 * for the same data the gateway's queries ask for, and answers JSON shaped like the gateway's,
 * a cursor per edge included. One call per request: the repository is not looked up (a missing
 * one fails the DescribeImages call itself). No cache, no batching across requests, no rate limit.
 *
 *   POST /page     { repository, first, after? }  DescribeImages(maxResults, nextToken)
 *   POST /lookups  { repository, tags }           DescribeImages(imageIds)
 *
 * PORT (0 = any free port); prints `baseline listening on http://127.0.0.1:<port>`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeImagesCommand, ECRPUBLICClient, type ImageDetail } from '@aws-sdk/client-ecr-public';

const client = new ECRPUBLICClient({ region: process.env.AWS_REGION ?? 'us-east-1' });

function node(image: ImageDetail) {
  return {
    imageDigest: image.imageDigest,
    imageTags: image.imageTags ?? [],
    imageSizeInBytes: image.imageSizeInBytes ?? null,
    imagePushedAt: image.imagePushedAt?.toISOString() ?? null,
    imageManifestMediaType: image.imageManifestMediaType ?? null,
    artifactMediaType: image.artifactMediaType ?? null,
  };
}

async function page(body: { repository: string; first: number; after?: string | null }) {
  const output = await client.send(
    new DescribeImagesCommand({
      repositoryName: body.repository,
      maxResults: body.first,
      ...(body.after ? { nextToken: body.after } : {}),
    }),
  );
  const nextToken = output.nextToken ?? null;
  const start = body.after ?? '';
  return {
    repository: {
      images: {
        edges: (output.imageDetails ?? []).map((image, i) => ({
          cursor: Buffer.from(`${start}#${i}`).toString('base64url'),
          node: node(image),
        })),
        pageInfo: { hasNextPage: nextToken !== null, endCursor: nextToken },
      },
    },
  };
}

async function lookups(body: { repository: string; tags: string[] }) {
  const output = await client.send(
    new DescribeImagesCommand({
      repositoryName: body.repository,
      imageIds: body.tags.map((imageTag) => ({ imageTag })),
    }),
  );
  const found = output.imageDetails ?? [];
  const fields: Record<string, unknown> = {};
  body.tags.forEach((tag, i) => {
    const image = found.find((detail) => detail.imageTags?.includes(tag));
    fields[`l${i}`] = image ? node(image) : null;
  });
  return { repository: fields };
}

const routes: Record<string, (body: never) => Promise<unknown>> = { '/page': page, '/lookups': lookups };

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = routes[req.url ?? ''];
  if (!route || req.method !== 'POST') return send(res, 404, { errors: [{ message: 'not found' }] });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const data = await route(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never);
    send(res, 200, { data });
  } catch (error) {
    send(res, 502, { errors: [{ message: (error as Error).message, extensions: { code: (error as Error).name } }] });
  }
}

const server = createServer((req, res) => {
  void answer(req, res);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`baseline listening on http://127.0.0.1:${port}`);
});
const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
