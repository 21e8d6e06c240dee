import { ensureTemporalServer } from '../runtime/temporal-server.js';

/** `npm run temporal:server`: builds (or finds) the Temporal server and temporal-sql-tool and prints where they are and how long it took. */
const build = await ensureTemporalServer(console.log);
console.log(`${build.server}\n${build.sqlTool}\n${build.postgresSchemaDir}\n(${build.source}, ${(build.elapsedMs / 1000).toFixed(1)} s)`);
