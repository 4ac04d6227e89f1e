/**
 * Compression of the gateway's answers: brotli or gzip, as the client's Accept-Encoding prefers
 * (the `compression` package negotiates it and adds `Vary: Accept-Encoding`), for any answer of
 * 1 KiB or more whose type is worth it. GraphiQL's page (about 9 MB) travels as about 2 MB, a page
 * of 100 images (26 KB) as about 3 KB; the README's "Compression" gives the figures.
 * Dynamic answers use the fastest levels. Streams are never compressed: an SSE or multipart answer must reach the client event by event,
 * and a compressor holds bytes back until it has enough.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants } from 'node:zlib';
import compression from 'compression';

const STREAMING = /^(text\/event-stream|multipart\/)/i;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function withCompression(handler: Handler): Handler {
  const compress = compression({
    threshold: 1024,
    // The fastest levels (nginx's gzip default is 1 too). On a page of 1,000 images (285 KB of
    // JSON with random digests) gzip 1 takes 2.3 ms against level 6's 4.1 ms for 2.6% more bytes,
    // and brotli 1 takes 1.2 ms against quality 4's 4.0 ms for 3% more: CPU is the scarcer good.
    level: constants.Z_BEST_SPEED,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
    filter: (req, res) => {
      const type = String(res.getHeader('content-type') ?? '');
      return !STREAMING.test(type) && compression.filter(req, res);
    },
  });
  return (req, res) => {
    // The package is written for Express; node's own request and response are what it reads.
    compress(req as never, res as never, () => handler(req, res));
  };
}
