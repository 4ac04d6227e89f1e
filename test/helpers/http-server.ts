/** A request handler (a Yoga instance, say) served on an ephemeral port, for tests that need real HTTP. */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  /** Closes the server and every connection still open on it (keep-alive ones included). */
  close(): Promise<void>;
}

export async function serve(handler: http.RequestListener): Promise<Served> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
