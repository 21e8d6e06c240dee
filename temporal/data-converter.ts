import type { DataConverter } from '@temporalio/common';
import type { Keyring } from '../config.js';
import { EncryptionCodec } from './codec.js';

/** Client and worker must share this, or neither can read the other's payloads. */
export function dataConverter(keys: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keys)] };
}
