import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldCrypto } from '../../platform/crypto.js';

/**
 * The uploaded workbook holds full ID numbers, so it is kept encrypted like every personal
 * number (PIPL): AES-256-GCM under a fresh key per file, and that key sealed with the
 * deployment's field-encryption key (FieldCrypto takes text, so the key travels as base64).
 */
export function sealFile(crypto: FieldCrypto, file: Buffer): { enc: Buffer; key: Buffer } {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(file), cipher.final()]);
  return { enc: Buffer.concat([iv, cipher.getAuthTag(), body]), key: crypto.encrypt(key.toString('base64')) };
}

export function openSealedFile(crypto: FieldCrypto, enc: Buffer, sealedKey: Buffer): Buffer {
  const key = Buffer.from(crypto.decrypt(sealedKey), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, enc.subarray(0, 12));
  decipher.setAuthTag(enc.subarray(12, 28));
  return Buffer.concat([decipher.update(enc.subarray(28)), decipher.final()]);
}
