import { loadConfig } from '../../config.js';

/** Tests use the development keys; nothing here reads the developer's own environment. */
export const testConfig = loadConfig({ DROPLINE_ENV: 'test' });
