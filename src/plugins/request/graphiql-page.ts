/**
 * GraphiQL's page, rendered once and compressed once per encoding. The page is about 9 MB (the
 * bundle is served by the gateway itself: no CDN, so it works offline and under CSP); rendered and
 * compressed per request it cost about 100 ms of CPU plain and 450 ms with gzip or brotli, which
 * any visitor could make the gateway pay again and again. Now a view costs a lookup, and a
 * browser's revalidation (`If-None-Match`) a 304.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts: brotli, then gzip, else none (RFC 9110 q-values). */
export function preferredEncoding(header: string | null): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: Encoding): number => accepted.get(name) ?? (accepted.has('*') ? (accepted.get('*') ?? 0) : 0);
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

export interface GraphiQLPage {
  /** The response for this request's `Accept-Encoding` and `If-None-Match`. */
  respond(request: Request): Promise<Response>;
}

export function createGraphiQLPage(render: () => string): GraphiQLPage {
  let html: Buffer | undefined;
  let etag = '';
  const variants = new Map<Encoding, Promise<Buffer>>();
  const body = (encoding: Encoding): Promise<Buffer> => {
    if (!html) {
      html = Buffer.from(render());
      etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"`;
    }
    let variant = variants.get(encoding);
    if (!variant) {
      const plain = html;
      variant =
        encoding === 'br'
          ? brotli(plain, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
              },
            })
          : encoding === 'gzip'
            ? gzip(plain, { level: 6 })
            : Promise.resolve(plain);
      variants.set(encoding, variant);
    }
    return variant;
  };
  return {
    async respond(request) {
      const encoding = preferredEncoding(request.headers.get('accept-encoding'));
      const bytes = await body(encoding);
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        vary: 'Accept-Encoding',
        etag,
        'cache-control': 'no-cache',
      };
      if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
      if (encoding !== 'identity') headers['content-encoding'] = encoding;
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
    },
  };
}
