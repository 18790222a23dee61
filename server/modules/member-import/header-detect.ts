import { toHalfWidth } from '../../../lib/validators/fullwidth.js';
import { ignoredHeaders, type FieldDef } from './import-fields.js';

/**
 * Finding the header row of a sheet as staff really have it: title rows, a note, a blank row
 * or two above it, and headers written in several ways ('身份证号码（18位）', '*姓名',
 * '公民身份\n号码'). Each of the first rows is scored by how many distinct fields its cells
 * name; the best row wins.
 */
export interface HeaderColumn {
  /** 1-based column number, as Excel counts */
  column: number;
  /** the header as written (trimmed) */
  text: string;
  /** the field this column maps to, or null */
  field: string | null;
}

export interface HeaderGuess {
  headerRow: number | null;
  columns: HeaderColumn[];
  /** field key → column number */
  mapping: Record<string, number>;
  /** required fields no column names */
  missing: string[];
  /** fields named, required ones counting one and a half: compares sheets */
  score: number;
}

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/** '＊身份证号码（18位）：' → '身份证号码'; 'No.' → 'no.' */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u200B-\u200D\u2060]/g, '')
    .replace(/\([^)]*\)|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕/g, '')
    .replace(/^[*※★]+|[*※★]+$/g, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

/** rank: the synonym's place in its field's list (手机号码 before 联系电话 for a phone) */
interface Match { field: string; exact: boolean; length: number; rank: number }

const synonymCache = new WeakMap<readonly FieldDef[], Array<{ field: string; synonym: string; rank: number }>>();
function synonymsOf(fields: readonly FieldDef[]) {
  let list = synonymCache.get(fields);
  if (!list) {
    list = fields.flatMap((f) => f.synonyms.map((s, rank) => ({ field: f.key, synonym: normalizeHeader(s), rank })));
    synonymCache.set(fields, list);
  }
  return list;
}

/**
 * The field a header names: an exact synonym, else the longest synonym it contains (only
 * for short headers, so that a title like '甲镇某公司工会会员花名册' names nothing).
 */
export function matchHeader(text: string, fields: readonly FieldDef[]): Match | null {
  const h = normalizeHeader(text);
  if (!h || ignoredHeaders.includes(h)) return null;
  const list = synonymsOf(fields);
  const exact = list.find((s) => s.synonym === h);
  if (exact) return { field: exact.field, exact: true, length: exact.synonym.length, rank: exact.rank };
  if (h.length > 10) return null;
  let best: Match | null = null;
  for (const s of list) {
    if (s.synonym.length >= 2 && h.includes(s.synonym) && (!best || s.synonym.length > best.length)) {
      best = { field: s.field, exact: false, length: s.synonym.length, rank: s.rank };
    }
  }
  return best;
}

/**
 * Maps one row's cells to fields, each field to one column: an exact name before a partial
 * one; among exact names the field's preferred one; among partial ones the longest; then the leftmost.
 */
export function mapHeaderRow(cells: readonly string[], fields: readonly FieldDef[]): { columns: HeaderColumn[]; mapping: Record<string, number> } {
  const candidates: Array<Match & { column: number }> = [];
  const columns: HeaderColumn[] = [];
  cells.forEach((raw, i) => {
    const text = (raw ?? '').trim();
    columns.push({ column: i + 1, text, field: null });
    const m = text ? matchHeader(text, fields) : null;
    if (m) candidates.push({ ...m, column: i + 1 });
  });
  candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || (a.exact ? a.rank - b.rank : b.length - a.length) || a.column - b.column);
  const mapping: Record<string, number> = {};
  const taken = new Set<number>();
  for (const c of candidates) {
    if (mapping[c.field] !== undefined || taken.has(c.column)) continue;
    mapping[c.field] = c.column;
    taken.add(c.column);
    columns[c.column - 1].field = c.field;
  }
  // trailing empty columns say nothing
  while (columns.length && !columns[columns.length - 1].text) columns.pop();
  return { columns, mapping };
}

/** Picks the header row among the first rows: the one naming the most fields (required ones count extra). */
export function detectHeader(rows: ReadonlyArray<{ rowNumber: number; cells: readonly string[] }>, fields: readonly FieldDef[]): HeaderGuess {
  const required = fields.filter((f) => f.required).map((f) => f.key);
  let best: { rowNumber: number; score: number; columns: HeaderColumn[]; mapping: Record<string, number> } | null = null;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const { columns, mapping } = mapHeaderRow(row.cells, fields);
    const keys = Object.keys(mapping);
    const score = keys.length + 0.5 * required.filter((k) => keys.includes(k)).length;
    if (keys.length >= 2 && (!best || score > best.score)) best = { rowNumber: row.rowNumber, score, columns, mapping };
  }
  if (!best) return { headerRow: null, columns: [], mapping: {}, missing: required, score: 0 };
  return { headerRow: best.rowNumber, columns: best.columns, mapping: best.mapping, missing: required.filter((k) => best.mapping[k] === undefined), score: best.score };
}
