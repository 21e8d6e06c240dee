import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Provides Temporal's time-skipping test server without a download from outside the package
 * registries: the SDKs fetch a native build from temporal.download, so we run the same server's Java
 * build (io.temporal:temporal-test-server) with its jars fetched from Maven Central once and cached
 * beside the Temporal CLI.
 */
export const TEST_SERVER_VERSION = '1.35.0';

const POM = fileURLToPath(new URL('../tools/temporal-test-server/pom.xml', import.meta.url));

/** The path of an executable that starts the test server as sdk-core calls it: `<executable> <port>`. */
export async function ensureTemporalTestServer(): Promise<string> {
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const dir = path.join(cacheRoot, 'dropline', `temporal-test-server-${TEST_SERVER_VERSION}`);
  const executable = path.join(dir, 'temporal-test-server');
  if (existsSync(executable)) return executable;

  // Parallel test files may each fetch; the first rename wins and the others drop their copy.
  const temporary = `${dir}.${process.pid}.tmp`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  await run('mvn', ['-q', '-f', POM, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${path.join(temporary, 'lib')}`]);
  // sdk-core gives the server 5 s to accept connections: a client JIT and a serial GC start the JVM in about one.
  await writeFile(
    path.join(temporary, 'temporal-test-server'),
    `#!/bin/sh\nexec java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$(dirname "$0")/lib/*" io.temporal.testserver.TestServer "$@"\n`,
  );
  await chmod(path.join(temporary, 'temporal-test-server'), 0o755);
  try {
    await rename(temporary, dir);
  } catch {
    await rm(temporary, { recursive: true, force: true });
  }
  return executable;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', (error) => reject(new Error(`${command} is needed to fetch the Temporal test server: ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}
