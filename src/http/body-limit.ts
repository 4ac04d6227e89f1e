/**
 * REQUEST_MAX_BYTES at the socket: every request body, chunked or not, on every path, is counted as
 * node's HTTP parser hands it over, before any handler reads it. Past the limit nothing more reaches
 * the request (Yoga's read of it never ends, and is cut with the socket), the request is answered
 * 413 when nothing was answered yet, and the connection is closed: our side at once after the
 * answer, the socket destroyed when the client closes its side or after LINGER_MS at most. Closing
 * at once would reset the connection while the client is still sending, and a reset loses the 413
 * the client has not read yet (nginx lingers on the same grounds: `lingering_close`); meanwhile
 * the socket is not read, so nothing more is taken in.
 * Yoga counts the same bytes again as it parses (plugins/request/use-http-limits.ts), for a
 * gateway served without this edge.
 *
 * The count sits in `push`, the one door through which the parser feeds a request's body
 * (node's documented `IncomingMessage` option of `createServer`), so it never changes when or how
 * the body is read: a 'data' listener would set the stream flowing before Yoga reads it.
 */
import { IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const OVER = Symbol('bodyOverLimit');
/** How long a refused client may take to close its side before the socket is destroyed. */
const LINGER_MS = 2000;

export interface BodyLimit {
  /** For `createServer({ IncomingMessage })`: requests that count their body. */
  IncomingMessage: typeof IncomingMessage;
  /** Wraps the request handler: answers and cuts a request whose body passed the limit. */
  guard(handler: Handler): Handler;
}

/**
 * `refusal` is the 413 answer's JSON body (the one the gateway gives a too-large Content-Length);
 * `onRefused` hears of each request refused here, which no handler's log or metrics see.
 */
export function createBodyLimit(
  maxBytes: number,
  refusal: string,
  onRefused?: (req: IncomingMessage) => void,
): BodyLimit {
  class CountedRequest extends IncomingMessage {
    #received = 0;
    #over = false;

    override push(chunk: unknown, encoding?: BufferEncoding): boolean {
      // Past the limit, chunks are dropped, and `false` stops the parser reading the socket: the
      // client's further bytes wait in the kernel's buffers until the socket goes.
      if (this.#over) return false;
      if (chunk === null || chunk === undefined) return super.push(chunk, encoding);
      this.#received += (chunk as Buffer).length;
      if (this.#received <= maxBytes) return super.push(chunk, encoding);
      this.#over = true;
      this.emit(OVER);
      return false;
    }
  }

  const close = (socket: Socket): void => {
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once('close', () => clearTimeout(cut));
    socket.once('end', () => socket.destroy());
    socket.end();
  };

  const refuse = (req: IncomingMessage, res: ServerResponse): void => {
    onRefused?.(req);
    const socket = req.socket;
    if (res.headersSent) {
      close(socket);
      return;
    }
    // No `Connection: close` header: with it node would destroy the socket as soon as the answer is
    // written, resetting it under a client still sending; the socket is closed here instead.
    res.once('finish', () => close(socket));
    // Whatever else answers this request later finds it ended.
    res.writeHead(413, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(refusal);
  };

  return {
    IncomingMessage: CountedRequest,
    guard: (handler) => (req, res) => {
      req.once(OVER, () => refuse(req, res));
      handler(req, res);
    },
  };
}
