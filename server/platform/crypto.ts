import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Personal numbers (ID numbers, phones) at rest: AES-256-GCM for the value, a keyed HMAC
 * (blind index) for exact lookup and de-duplication. Both keys are derived from one secret.
 */
export interface FieldCrypto {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
  blindIndex(kind: 'id_number' | 'phone', normalized: string): Buffer;
}

export function createFieldCrypto(secret: string): FieldCrypto {
  if (secret.length < 16) throw new Error('GONGHUI_SECRET must be at least 16 characters');
  const ikm = Buffer.from(secret, 'utf8');
  const encKey = Buffer.from(hkdfSync('sha256', ikm, 'gonghui', 'field-encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', ikm, 'gonghui', 'blind-index', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(kind, normalized) {
      return createHmac('sha256', macKey).update(`${kind}:${normalized}`).digest();
    },
  };
}

/**
 * The secret: GONGHUI_SECRET, or for the embedded database a key generated once into the data
 * directory (losing that file makes the stored numbers unreadable: back it up with the data).
 */
export function resolveSecret(opts: { dataDir?: string; embedded: boolean }): string {
  const fromEnv = process.env.GONGHUI_SECRET;
  if (fromEnv) return fromEnv;
  if (!opts.embedded || !opts.dataDir) {
    throw new Error('GONGHUI_SECRET 未设置：连接 PostgreSQL 时必须提供加密密钥（至少16个字符）');
  }
  const file = path.join(opts.dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(opts.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
