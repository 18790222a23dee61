import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

const options = { algorithm: 2 /* Argon2id; the package's enum is a const enum that isolatedModules cannot read */, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, options);
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);

/** 等保 password complexity: 8–64 characters, at least three of upper, lower, digit, symbol. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 8) return '长度至少8位';
  if (password.length > 64) return '长度不能超过64位';
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return '须包含大写字母、小写字母、数字、符号中的至少三类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '不能包含用户名';
  return null;
}

/** A generated password that meets the policy, for new accounts (changed at first login). */
export function generatePassword(length = 14): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%*+-=?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
