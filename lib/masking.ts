/**
 * Display masking for personal data (个人信息去标识化显示).
 * All functions accept null/undefined and return '' so list cells can call them blindly.
 */

type Maybe = string | null | undefined;

/** '张三明' → '张*明', '张三' → '张*', '欧阳娜娜' → '欧**娜', '李' → '李'. */
export function maskName(name: Maybe): string {
  if (!name) return '';
  // Array.from splits by code point so rare characters (CJK Ext. B, surrogate pairs) stay whole.
  const chars = Array.from(name);
  if (chars.length === 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** Keep `head` leading and `tail` trailing chars; star the rest. Too short to hide anything → all stars. */
function keepEnds(s: string, head: number, tail: number): string {
  if (s.length <= head + tail) return '*'.repeat(s.length);
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + s.slice(s.length - tail);
}

/**
 * '37052319900101123X' → '3705**********123X'. Output length equals input length.
 * Inputs of 8 chars or fewer become all stars (keeping 4+4 would reveal everything).
 */
export function maskIdNumber(id: Maybe): string {
  if (!id) return '';
  return keepEnds(id, 4, 4);
}

/** Only the last 4 chars are stored in plain: '123X' → '**************123X' (18 chars). */
export function maskIdLast4(last4: Maybe): string {
  if (!last4) return '';
  return last4.slice(-4).padStart(18, '*');
}

/** Like maskIdLast4, but shows the 4-digit region prefix when it is known: '3705**********123X'. */
export function maskIdFromLast4(last4: Maybe, regionPrefix4?: string | null): string {
  if (!last4) return '';
  const tail = last4.slice(-4);
  const head = regionPrefix4 ? regionPrefix4.slice(0, 4).padEnd(4, '*') : '****';
  return head + '*'.repeat(18 - 4 - tail.length) + tail;
}

/** '13812345678' → '138****5678'. */
export function maskPhone(phone: Maybe): string {
  if (!phone) return '';
  return keepEnds(phone, 3, 4);
}

/** Only the last 4 digits are stored in plain: '5678' → '*******5678'. */
export function maskPhoneFromLast4(last4: Maybe): string {
  if (!last4) return '';
  return '*******' + last4.slice(-4);
}

/** '6222021234567890123' → '6222***********0123' (first 4 + stars + last 4). */
export function maskBankAccount(account: Maybe): string {
  if (!account) return '';
  return keepEnds(account.replace(/\s/g, ''), 4, 4);
}
