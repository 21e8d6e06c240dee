import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../config.js';

// @temporalio/proto is CommonJS; Node's ESM loader cannot see its named exports.
const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts every workflow and activity payload with AES-256-GCM, so buyer names, addresses and
 * emails are not readable in Temporal's history; failure messages and stacks too, as the failure
 * converter (failure-converter.js) turns them into payloads. The key id travels in the payload metadata, so old
 * histories stay readable after the active key rotates.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;

  constructor(private readonly keyring: Keyring) {
    this.keys = new Map(keyring.keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.activeKeyId;
    const key = this.keys.get(keyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = encodePayload(payload);
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(keyId) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
      const key = this.keys.get(keyId);
      if (!key) throw new Error(`Payload encrypted with unknown key id "${keyId}"`);
      const data = Buffer.from(payload.data ?? []);
      const iv = data.subarray(0, IV_BYTES);
      const tag = data.subarray(data.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return decodePayload(plain);
    });
  }
}

function encodePayload(payload: Payload): Buffer {
  return Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish());
}

function decodePayload(plain: Buffer): Payload {
  return temporal.api.common.v1.Payload.decode(plain);
}
