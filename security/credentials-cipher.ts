import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../config.js';

/**
 * Encrypts distributor and marketplace credentials at rest with AES-256-GCM. The stored form is
 * base64(iv | ciphertext | tag) plus the key id, so keys can rotate without re-encrypting at once.
 */
export interface CredentialsCipher {
  encrypt(credentials: Record<string, string>): { ciphertext: string; keyId: string };
  decrypt(ciphertext: string, keyId: string): Record<string, string>;
}

export function createCredentialsCipher(keyring: Keyring): CredentialsCipher {
  const keys = new Map(keyring.keys.map((k) => [k.id, k.key]));
  return {
    encrypt(credentials) {
      const key = keys.get(keyring.activeKeyId)!;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(credentials)), cipher.final()]);
      return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64'), keyId: keyring.activeKeyId };
    },
    decrypt(ciphertext, keyId) {
      const key = keys.get(keyId);
      if (!key) throw new Error(`Credentials were encrypted with key "${keyId}", which is not configured`);
      const data = Buffer.from(ciphertext, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return JSON.parse(plain.toString()) as Record<string, string>;
    },
  };
}
