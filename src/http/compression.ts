/**
 * Compression of the gateway's answers: brotli or gzip, as the client's Accept-Encoding prefers
 * (the `compression` package negotiates it and adds `Vary: Accept-Encoding`), for any answer of
 * 1 KiB or more whose type is worth it. GraphiQL's page (about 9 MB) travels as about 2 MB, a page
 * of 100 images (26 KB) as about 3 KB; the README's "Compression" gives the figures.
 * Streams are never compressed: an SSE or multipart answer must reach the client event by event,
 * and a compressor holds bytes back until it has enough.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';

const STREAMING = /^(text\/event-stream|multipart\/)/i;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function withCompression(handler: Handler): Handler {
  const compress = compression({
    threshold: 1024,
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
