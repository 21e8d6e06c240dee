import { fileURLToPath } from 'node:url';

// Under tsx the sources are .ts; in the built image they are .js.
const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Entry point of the workflow bundle. */
export const WORKFLOWS_PATH = fileURLToPath(new URL(`../workflows/index${extension}`, import.meta.url));
