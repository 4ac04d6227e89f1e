/**
 * HTTP_MAX_CONNECTIONS_PER_ADDRESS: open connections counted per remote address as they are
 * accepted; one past the cap is destroyed at once, before a byte of it is read, so one host cannot
 * use up the process's descriptors (`maxConnections` caps them all together). The count drops as
 * each socket closes. Behind a load balancer every client shares its address: raise the cap there.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
const addressOf = (socket: Socket): string => (socket.remoteAddress ?? '').replace(/^::ffff:/, '');

export function capConnectionsPerAddress(server: Server, max: number, onRefused?: (address: string) => void): void {
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = addressOf(socket);
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      onRefused?.(address);
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
