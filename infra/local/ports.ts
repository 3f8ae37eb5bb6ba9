import { createServer } from 'node:net';

/** A TCP port that is free on loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** `port` if given and non-zero, otherwise a free one. */
export async function portOrFree(port: number | undefined): Promise<number> {
  return port ? port : freePort();
}
