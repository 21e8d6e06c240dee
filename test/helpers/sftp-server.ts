import { createHash, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { constants, type FileHandle, open, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ssh2, { type Attributes, type Connection } from 'ssh2';

const { Server, utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

/**
 * A real SFTP server in this process (ssh2's server side over loopback TCP), serving the files of
 * one directory read-only to one user with a password. Only what a download needs is answered:
 * stat, open, read, close.
 */
export async function startSftpServer(options: { root: string; username: string; password: string; answerDelayMs?: number }) {
  const { hostKey, publicKey } = newHostKey();
  const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const connections = new Set<Connection>();

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    connections.add(client);
    // Each answer leaves at once, as from a server that writes it whole: the test sees the client's own delays.
    (client as unknown as { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('close', () => connections.delete(client));
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && same(ctx.username, options.username) && same(ctx.password, options.password)) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        acceptSession().on('sftp', (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, FileHandle>();
          let nextHandle = 0;
          const local = (remote: string) => path.join(options.root, path.posix.normalize(`/${remote}`));
          const attrsOf = async (file: string): Promise<Attributes> => {
            const stats = await stat(file);
            return { mode: stats.mode, uid: 0, gid: 0, size: stats.size, atime: stats.atimeMs / 1000, mtime: stats.mtimeMs / 1000 };
          };
          const fail = (reqId: number) => () => sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE, 'No such file');

          sftp.on('REALPATH', (reqId, remote) => sftp.name(reqId, [{ filename: path.posix.normalize(`/${remote}`), longname: '', attrs: {} as Attributes }]));
          for (const event of ['STAT', 'LSTAT'] as const) {
            sftp.on(event, (reqId: number, remote: string) => attrsOf(local(remote)).then((attrs) => sftp.attrs(reqId, attrs), fail(reqId)));
          }
          sftp.on('OPEN', (reqId, remote) => {
            open(local(remote), constants.O_RDONLY).then((file) => {
              handles.set(nextHandle, file);
              const handle = Buffer.alloc(4);
              handle.writeUInt32BE(nextHandle++);
              sftp.handle(reqId, handle);
            }, fail(reqId));
          });
          const fileFor = (handle: Buffer) => handles.get(handle.readUInt32BE(0));
          sftp.on('FSTAT', (reqId, handle) => {
            const file = fileFor(handle);
            if (!file) return sftp.status(reqId, STATUS_CODE.FAILURE);
            void file.stat().then((stats) => sftp.attrs(reqId, { mode: stats.mode, uid: 0, gid: 0, size: stats.size, atime: 0, mtime: 0 }));
          });
          sftp.on('READ', async (reqId, handle, offset, length) => {
            const file = fileFor(handle);
            if (!file) return sftp.status(reqId, STATUS_CODE.FAILURE);
            // A server across a network: each answer comes a round trip later.
            if (options.answerDelayMs) await sleep(options.answerDelayMs);
            void file
              .read(Buffer.alloc(length), 0, length, offset)
              .then(({ bytesRead, buffer }) => (bytesRead === 0 ? sftp.status(reqId, STATUS_CODE.EOF) : sftp.data(reqId, buffer.subarray(0, bytesRead))));
          });
          sftp.on('CLOSE', (reqId, handle) => {
            const file = fileFor(handle);
            handles.delete(handle.readUInt32BE(0));
            void (file?.close() ?? Promise.resolve()).then(() => sftp.status(reqId, STATUS_CODE.OK));
          });
        });
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    /** SHA-256 (hex) of the host key, as a dealer would pin it. */
    hostKeySha256: createHash('sha256').update(publicKey.getPublicSSH()).digest('hex'),
    async close() {
      for (const connection of connections) connection.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * An ed25519 host key ssh2 can read back. About 1 in 256 keys it generates it cannot: it strips a
 * public key's leading zero byte (mscdex/ssh2#1513), and a test run then failed at random. A new key
 * is drawn instead; ten failures in a row would take odds of 1 in 10^24.
 */
function newHostKey() {
  for (let attempt = 1; ; attempt++) {
    const hostKey = utils.generateKeyPairSync('ed25519');
    const publicKey = utils.parseKey(hostKey.public);
    const privateKey = utils.parseKey(hostKey.private);
    if (!(publicKey instanceof Error) && !(privateKey instanceof Error)) return { hostKey, publicKey };
    if (attempt === 10) throw publicKey instanceof Error ? publicKey : privateKey;
  }
}
