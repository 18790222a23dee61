import { parseIdNumber } from '../../../lib/validators/id-number.js';
import { parseMobile } from '../../../lib/validators/phone.js';
import { removeWhitespace, toHalfWidth } from '../../../lib/validators/fullwidth.js';

/**
 * What a member search box was given. Personal numbers are stored encrypted, so a full ID
 * number or phone is found through its blind index (exact match only), a last-4 through the
 * plain last 4; letters are pinyin initials ('zsm' finds 张三明) or a Latin name.
 */
export type MemberSearch =
  | { kind: 'id_number'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'last4'; value: string }
  | { kind: 'initials'; value: string }
  | { kind: 'name'; value: string };

export function classifySearch(raw: string, today?: string): MemberSearch {
  const compact = removeWhitespace(toHalfWidth(raw)).toUpperCase();
  if (/^[0-9]{14}[0-9X]$|^[0-9]{17}[0-9X]$/.test(compact)) {
    const id = parseIdNumber(compact, { today });
    if (id.ok) return { kind: 'id_number', value: id.value };
  }
  if (/^[0-9+()\-（）]{11,16}$/.test(compact)) {
    const phone = parseMobile(compact);
    if (phone.ok) return { kind: 'phone', value: phone.value };
  }
  if (/^[0-9]{3}[0-9X]$/.test(compact)) return { kind: 'last4', value: compact };
  if (/^[A-Z]{1,20}$/.test(compact)) return { kind: 'initials', value: compact.toLowerCase() };
  return { kind: 'name', value: raw.trim() };
}
