import { timingSafeEqual } from 'node:crypto';
import { FtpSrv } from 'ftp-srv';
import { freePort } from '../../runtime/ports.js';

const silent = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, child: () => silent };

/**
 * A real FTP server in this process (ftp-srv on loopback, passive mode on loopback too), serving the
 * files of one directory to one user with a password.
 */
export async function startFtpServer(options: { root: string; username: string; password: string }) {
  const port = await freePort();
  const pasvMin = await freePort();
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const server = new FtpSrv({ url: `ftp://127.0.0.1:${port}`, pasv_url: '127.0.0.1', pasv_min: pasvMin, pasv_max: pasvMin + 50, log: silent });
  server.on('login', ({ username, password }, resolve, reject) => {
    if (same(username, options.username) && same(password, options.password)) resolve({ root: options.root });
    else reject(new Error('Login incorrect'));
  });
  await server.listen();
  return { host: '127.0.0.1', port, close: () => server.close() as Promise<unknown> };
}
