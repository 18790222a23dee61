import { inflateRawSync } from 'node:zlib';
import { fieldError } from '../../platform/errors.js';
import type { CellValue } from './cell-values.js';
import { parseDateStyles, parseRows, parseSharedStrings, type SheetContext } from './sheet-xml.js';

/**
 * Reading an uploaded .xlsx: the zip's directory, the workbook's sheets, then one sheet's
 * rows (sheet-xml.ts), with merged cells filled by the master cell's value as Excel shows
 * them: a 工作单位 merged down ten rows applies to all ten.
 *
 * Why not exceljs's reader: its in-memory model takes ~1 GB for 100k rows; its streaming
 * reader ignores merged ranges, copies a sheet stored before the shared strings (the usual
 * order) to a temporary file, and spends ~2.5 s on 100k × 13 cells, most of it building cell
 * objects and collecting them again. This reader does the same sheet in well under a second.
 * (exceljs still writes the report and the template, and the tests read with it.)
 */
export interface SheetInfo {
  name: string;
  /** N of xl/worksheets/sheetN.xml */
  sheetNo: number;
  path: string;
  hidden: boolean;
  /** last row, from the sheet's <dimension>, when it says */
  rows: number | null;
}

export interface SheetRow {
  rowNumber: number;
  /** index = column - 1 */
  cells: CellValue[];
}

interface ZipEntry { method: number; compressedSize: number; offset: number }

const notXlsx = () => fieldError('file', '不是有效的 .xlsx 文件；旧版 .xls 或 WPS 格式请先在 Excel 中“另存为” .xlsx 后上传');

function zipIndex(buf: Buffer): Map<string, ZipEntry> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) throw notXlsx(); // OLE2: an old .xls
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw notXlsx();
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notXlsx();
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name.replace(/^\//, ''), { method, compressedSize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function readEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.offset;
  if (buf.readUInt32LE(p) !== 0x04034b50) throw notXlsx();
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw notXlsx();
}

const decodeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_m, e: string) => {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  if (named[e]) return named[e];
  return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]) : null;
};

export interface XlsxFile {
  buffer: Buffer;
  sheets: SheetInfo[];
  entries: Map<string, ZipEntry>;
  /** dates count from 1904 (old Mac workbooks) */
  date1904: boolean;
}

/** Opens the zip and lists the worksheets in workbook order. Throws a 400 for anything but an .xlsx. */
export function openXlsx(buffer: Buffer): XlsxFile {
  const entries = zipIndex(buffer);
  const wb = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!wb || !rels) throw notXlsx();
  const relXml = readEntry(buffer, rels).toString('utf8');
  const targets = new Map<string, string>();
  for (const m of relXml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const wbXml = readEntry(buffer, wb).toString('utf8');
  const sheets: SheetInfo[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\s[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rid = attr(m[0], '(?:\\w+:)?id');
    const path = rid ? targets.get(rid) : undefined;
    const no = path ? /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(path) : null;
    if (!name || !path || !no || !entries.has(path)) continue;
    const state = attr(m[0], 'state');
    sheets.push({ name, sheetNo: Number(no[1]), path, hidden: state === 'hidden' || state === 'veryHidden', rows: null });
  }
  if (!sheets.length) throw fieldError('file', '文件中没有工作表');
  const pr = /<(?:\w+:)?workbookPr\s[^>]*>/.exec(wbXml);
  const date1904 = pr ? /^(1|true)$/.test(attr(pr[0], 'date1904') ?? '') : false;
  const file: XlsxFile = { buffer, sheets, entries, date1904 };
  for (const s of sheets) s.rows = sheetMeta(file, s).rows;
  return file;
}

export interface MergeRange { top: number; left: number; bottom: number; right: number }

function decodeRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

const xmlCache = new WeakMap<XlsxFile, Map<number, Buffer>>();
const metaCache = new WeakMap<XlsxFile, Map<number, { rows: number | null; merges: MergeRange[] }>>();
const contextCache = new WeakMap<XlsxFile, SheetContext>();

/** The sheet's XML, inflated once per opened file. */
function sheetXml(file: XlsxFile, sheet: SheetInfo): Buffer {
  let cache = xmlCache.get(file);
  if (!cache) { cache = new Map(); xmlCache.set(file, cache); }
  let xml = cache.get(sheet.sheetNo);
  if (!xml) { xml = readEntry(file.buffer, file.entries.get(sheet.path)!); cache.set(sheet.sheetNo, xml); }
  return xml;
}

function contextOf(file: XlsxFile): SheetContext {
  let ctx = contextCache.get(file);
  if (!ctx) {
    const part = (name: string) => {
      const e = file.entries.get(name);
      return e ? readEntry(file.buffer, e).toString('utf8') : '';
    };
    ctx = { shared: parseSharedStrings(part('xl/sharedStrings.xml')), dateStyles: parseDateStyles(part('xl/styles.xml')), date1904: file.date1904 };
    contextCache.set(file, ctx);
  }
  return ctx;
}

/** The sheet's last row (from <dimension>) and its merged ranges (after <sheetData>). */
export function sheetMeta(file: XlsxFile, sheet: SheetInfo): { rows: number | null; merges: MergeRange[] } {
  let cache = metaCache.get(file);
  if (!cache) { cache = new Map(); metaCache.set(file, cache); }
  const hit = cache.get(sheet.sheetNo);
  if (hit) return hit;
  const xml = sheetXml(file, sheet);
  const head = xml.toString('utf8', 0, Math.min(xml.length, 4096));
  const dim = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head);
  const last = dim ? decodeRef(dim[1].split(':').pop()!) : null;
  const merges: MergeRange[] = [];
  const endData = Math.max(xml.lastIndexOf('sheetData>'), 0);
  const tail = xml.toString('utf8', endData);
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\s+ref="([^"]+)"/g)) {
    const [a, b] = m[1].split(':');
    const from = decodeRef(a);
    const to = decodeRef(b ?? a);
    if (from && to) merges.push({ top: from.row, left: from.col, bottom: to.row, right: to.col });
  }
  const meta = { rows: last ? last.row : null, merges };
  cache.set(sheet.sheetNo, meta);
  return meta;
}

/**
 * The rows of one sheet as stored (rows the sheet does not store are not emitted), merged
 * cells filled. `untilRow` stops there (the header search and the preview read only the top).
 */
export async function* readRows(file: XlsxFile, sheet: SheetInfo, opts: { untilRow?: number } = {}): AsyncGenerator<SheetRow> {
  const { merges } = sheetMeta(file, sheet);
  // row → the merged ranges crossing it
  const mergesAt = new Map<number, MergeRange[]>();
  for (const m of merges) {
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 1_000_000) continue; // a whole-column merge is formatting
    for (let r = m.top; r <= m.bottom; r++) {
      const list = mergesAt.get(r);
      if (list) list.push(m); else mergesAt.set(r, [m]);
    }
  }
  const masters = new Map<MergeRange, CellValue>();
  const xml = sheetXml(file, sheet);
  const ctx = contextOf(file);
  const start = xml.indexOf('sheetData');
  let end = xml.lastIndexOf('sheetData>');
  if (start < 0 || end <= start) return;
  end = xml.lastIndexOf('<', end);
  const state = { lastRow: 0 };
  // the rows in slices of about 1 MB, each cut after a closing </row> (ASCII: never inside a character)
  for (let pos = start; pos < end;) {
    let stop = Math.min(pos + (1 << 20), end);
    if (stop < end) {
      let cut = xml.lastIndexOf('row>', stop);
      while (cut <= pos && stop < end) { stop = Math.min(stop + (1 << 20), end); cut = xml.lastIndexOf('row>', stop); }
      if (cut > pos) stop = cut + 4;
    }
    for (const row of parseRows(xml.toString('utf8', pos, stop), ctx, state)) {
      if (opts.untilRow !== undefined && row.rowNumber > opts.untilRow) return;
      const cells = row.cells;
      const crossing = mergesAt.get(row.rowNumber);
      if (crossing) {
        for (const m of crossing) {
          if (row.rowNumber === m.top) masters.set(m, cells[m.left - 1] ?? null);
          const v = masters.get(m) ?? null;
          for (let c = m.left; c <= m.right; c++) {
            if (c === m.left && row.rowNumber === m.top) continue;
            while (cells.length < c) cells.push(null);
            cells[c - 1] = v;
          }
        }
      }
      yield row;
    }
    pos = stop;
  }
}

/** The first rows of every visible sheet, for choosing the sheet and its header row. */
export async function peekSheets(file: XlsxFile, maxRows: number): Promise<Map<number, SheetRow[]>> {
  const out = new Map<number, SheetRow[]>();
  for (const sheet of file.sheets) {
    if (sheet.hidden) continue;
    const rows: SheetRow[] = [];
    for await (const row of readRows(file, sheet, { untilRow: maxRows })) rows.push(row);
    out.set(sheet.sheetNo, rows);
  }
  return out;
}
