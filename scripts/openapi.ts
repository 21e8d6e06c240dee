import { writeFile } from 'node:fs/promises';
import { CONTRACT_FILES, contractFiles } from './contract.js';

// Writes openapi.json and web/src/api-types.ts from the routes' schemas; a test fails while they are stale.
const files = await contractFiles();
await writeFile(CONTRACT_FILES.openapi, files.openapi);
await writeFile(CONTRACT_FILES.uiTypes, files.uiTypes);
console.log(`Wrote ${CONTRACT_FILES.openapi.pathname} and ${CONTRACT_FILES.uiTypes.pathname}`);
