import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768-60999): a port found free here and bound a moment later cannot
// have been handed meanwhile to another process's outgoing connection or listen(0).
const FIRST = 20_000;
const COUNT = 12_000;

/** A TCP port on loopback that was free a moment ago, chosen outside the range the system hands out by itself. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    const port = FIRST + Math.floor(Math.random() * COUNT);
    if (await canListen(port)) return port;
  }
  return listenAnywhere();
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function listenAnywhere(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
