import { loadConfig } from '../config.js';
import { ensureTemporalCli } from '../runtime/temporal-cli.js';

/** `npm run temporal:cli`: builds (or finds) the Temporal CLI and prints where it is and how long it took. */
const config = loadConfig();
const cli = await ensureTemporalCli(config.temporal.cliPath, console.log);
if (!cli) {
  console.error('No Go toolchain found; the SDK will download the dev server on machines with internet access');
  process.exit(1);
}
console.log(`${cli.path} (${cli.source}, ${(cli.elapsedMs / 1000).toFixed(1)} s)`);
