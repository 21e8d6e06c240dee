import type { DataConverter } from '@temporalio/common';
import { fileURLToPath } from 'node:url';
import type { Keyring } from '../config.js';
import { EncryptionCodec } from './codec.js';

/** The failure converter's module, for workers, clients and workflow bundles alike. */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.js', import.meta.url));

/** Client and worker must share this, or neither can read the other's payloads and failures. */
export function dataConverter(keys: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
