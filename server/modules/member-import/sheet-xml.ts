import type { CellValue } from './cell-values.js';

/**
 * The parts of SpreadsheetML (ECMA-376 part 1, §18) an import reads: the shared strings, which
 * cell styles are dates, and the cells of <sheetData>. Only what a data sheet holds is
 * understood: values (shared, inline and formula strings, numbers, booleans, errors, ISO
 * dates), not formatting. Element names may carry a namespace prefix (x:c).
 */

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// ST_Xstring escapes a character XML cannot hold as _xHHHH_ (a line break in a cell is _x000A_ in some writers)
const XSTRING = /_x([0-9A-Fa-f]{4})_/g;

export function decodeText(s: string): string {
  let out = s.indexOf('&') >= 0 ? s.replace(ENTITY, (_m, e: string) => NAMED[e] ?? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))) : s;
  if (out.indexOf('_x') >= 0) out = out.replace(XSTRING, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

const PHONETIC = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const TEXT = /<(?:\w+:)?t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;

/** The text of an <si> or <is>: its runs joined, phonetic guides (rPh) left out. */
function richText(inner: string): string {
  const body = inner.indexOf('rPh') >= 0 ? inner.replace(PHONETIC, '') : inner;
  let out = '';
  for (const m of body.matchAll(TEXT)) if (m[1]) out += m[1];
  return decodeText(out);
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) out.push(m[1] ? richText(m[1]) : '');
  return out;
}

// built-in number formats that show a date or time: 14–22, 45–47, and the East Asian ones
// (27–36, 50–58, e.g. yyyy"年"m"月"d"日")
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Does a number format show a date? Its code, once quoted text, [colors] and escapes are gone, names y, m, d, h or s. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return BUILTIN_DATES.has(id);
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!h\]|m\]|s\])[^\]]*\]/gi, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[ymdhse]/i.test(bare.replace(/E[+-]/g, ''));
}

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? m[1] : undefined;
};

/** Whether each cell style (the s attribute of a cell, an index into cellXfs) shows a date. */
export function parseDateStyles(xml: string): boolean[] {
  const codes = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\s[^>]*>/g)) {
    const id = attr(m[0], 'numFmtId');
    const code = attr(m[0], 'formatCode');
    if (id !== undefined && code !== undefined) codes.set(Number(id), decodeText(code));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:\w+:)?xf\b[^>]*>/g)) {
    const id = Number(attr(m[0], 'numFmtId') ?? 0);
    out.push(isDateFormat(id, codes.get(id)));
  }
  return out;
}

export interface SheetContext {
  shared: readonly string[];
  dateStyles: readonly boolean[];
  date1904: boolean;
}

function colOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

const fromSerial = (v: number, date1904: boolean) => new Date(Math.round((v - (date1904 ? -1462 : 0) - 25569) * 86_400_000));

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const VALUE = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
const INLINE = /<(?:\w+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?is>/;

function cellValue(attrs: string, inner: string | undefined, ctx: SheetContext): CellValue {
  if (!inner) return null;
  const t = attr(attrs, 't');
  if (t === 'inlineStr') {
    const is = INLINE.exec(inner);
    return is ? richText(is[1]) : null;
  }
  const v = VALUE.exec(inner);
  if (!v) return null;
  const raw = v[1];
  switch (t) {
    case 's': return ctx.shared[Number(raw)] ?? null;
    case 'str': return decodeText(raw);
    case 'b': return raw.trim() === '1' || raw.trim() === 'true';
    case 'e': return decodeText(raw);
    case 'd': {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
      return Number.isNaN(d.getTime()) ? decodeText(raw) : d;
    }
    default: {
      const n = Number(raw);
      if (raw === '' || Number.isNaN(n)) return null;
      const s = attr(attrs, 's');
      return s !== undefined && ctx.dateStyles[Number(s)] ? fromSerial(n, ctx.date1904) : n;
    }
  }
}

/**
 * The rows of a stretch of <sheetData> (whole <row> elements): their numbers and cell values,
 * index = column - 1. Rows or cells without a reference follow the previous one.
 */
export function* parseRows(xml: string, ctx: SheetContext, state: { lastRow: number }): Generator<{ rowNumber: number; cells: CellValue[] }> {
  for (const row of xml.matchAll(ROW)) {
    const r = attr(row[1], 'r');
    const rowNumber = r !== undefined ? Number(r) : state.lastRow + 1;
    state.lastRow = rowNumber;
    const cells: CellValue[] = [];
    if (row[2]) {
      let next = 1;
      for (const c of row[2].matchAll(CELL)) {
        const ref = attr(c[1], 'r');
        const col = ref ? colOf(ref) : next;
        next = col + 1;
        const value = cellValue(c[1], c[2], ctx);
        if (value === null) continue;
        while (cells.length < col - 1) cells.push(null);
        cells[col - 1] = value;
      }
    }
    yield { rowNumber, cells };
  }
}
