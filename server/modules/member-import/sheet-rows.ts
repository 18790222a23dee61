import { removeWhitespace, toHalfWidth } from '../../../lib/validators/fullwidth.js';
import { normalizeHeader, type HeaderColumn } from './header-detect.js';

/**
 * Rows below the header that are not data: blank rows, 合计/总计 lines, the 填表人 / 审核人 /
 * 日期 lines at the bottom, a header repeated for printing, and banner rows ('一、生产车间',
 * one text merged across the row). They are skipped and counted, never reported as errors.
 */
export type SkipReason = 'blank' | 'totals' | 'footer' | 'repeated_header' | 'banner';

export const skipReasonLabels: Record<SkipReason, string> = {
  blank: '空行',
  totals: '合计行',
  footer: '填表人、审核人、日期等落款行',
  repeated_header: '重复的表头',
  banner: '分组标题行',
};

const TOTALS = /^(合计|总计|小计|共计|累计)/;
const FOOTER = /^(填表人|填报人|制表人|审核人|审批人|复核人|负责人|单位负责人|经办人|联系人|联系电话|填表日期|填报日期|制表日期|报送日期|日期|单位盖章|盖章|单位\(盖章\)|签字|签名|备注|说明|注\d?[:：.、])/;
const ID_LIKE = /\d{15,}|\d\.\d+E\+?\d{2}/i;

const squash = (s: string) => removeWhitespace(toHalfWidth(s));

/**
 * texts: the row's cells as shown (index = column - 1); keyColumns: the columns of the
 * required fields (姓名 and 身份证号, or 单位名称), which a data row fills.
 */
export function classifyRow(texts: readonly string[], header: readonly HeaderColumn[], keyColumns: readonly number[]): SkipReason | null {
  // the common case first: a key cell holds an ID number, so this is a data row
  for (const c of keyColumns) if (ID_LIKE.test(texts[c - 1] ?? '')) return null;
  const filled = texts.map(squash).filter((t) => t !== '');
  if (filled.length === 0) return 'blank';
  const hasIdLike = filled.some((t) => ID_LIKE.test(t));
  const keys = keyColumns.map((c) => squash(texts[c - 1] ?? ''));
  const keysEmptyOr = (re: RegExp) => keys.every((k) => k === '' || re.test(k));
  if (!hasIdLike && filled.some((t) => TOTALS.test(t)) && keysEmptyOr(TOTALS)) return 'totals';
  if (!hasIdLike && filled.some((t) => FOOTER.test(t)) && keysEmptyOr(FOOTER)) return 'footer';
  let sameAsHeader = 0;
  for (const h of header) {
    const t = texts[h.column - 1];
    if (h.text && t && normalizeHeader(t) === normalizeHeader(h.text)) sameAsHeader++;
  }
  if (sameAsHeader >= 2) return 'repeated_header';
  // one text, alone or merged across the row, and no key filled apart from it
  if (!hasIdLike && new Set(filled).size === 1 && (filled.length === 1 ? keys.every((k) => k === '') : true)) return 'banner';
  return null;
}
