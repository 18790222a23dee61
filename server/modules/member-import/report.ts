import type { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../platform/db.js';
import { importFields, kindLabels } from './import-fields.js';
import { labelsOf, loadCodeTables, type EffectiveTable } from './vocabulary.js';
import type { HeaderColumn } from './header-detect.js';
import type { ImportKind, RowOutcome } from './tables.js';
import type { Counts } from './pipeline.js';

export const outcomeLabels: Record<RowOutcome, string> = {
  new: '新增', update: '更新', unchanged: '无变化', error: '错误', transfer_suggested: '需办理接转',
};

const fills: Partial<Record<RowOutcome, string>> = { error: 'FFFDE2E2', transfer_suggested: 'FFFFF4CE' };

const letter = (n: number) => {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

/** One data row of a report: its Excel row number, outcome, messages and the cells as shown (masked). */
export interface ReportRow { row_number: number; outcome: RowOutcome; messages: string[]; raw: string[] }

/**
 * The error report of any import: every data row with its outcome and messages, errors first,
 * then the transfer suggestions, then the rest in sheet order; the row's original cells beside
 * them (ID numbers and phones masked); a 汇总 sheet. `rowsOf` yields the rows of the given
 * outcomes in sheet order (from import_row, or from memory for a small import).
 */
export async function writeOutcomeReport(
  out: PassThrough,
  spec: { headers: readonly HeaderColumn[]; rowsOf: (outcomes: RowOutcome[]) => AsyncIterable<ReportRow[]>; summary: Array<[string, string | number]>; labels?: Partial<Record<RowOutcome, string>> },
): Promise<void> {
  const labels = { ...outcomeLabels, ...spec.labels };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('导入结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Excel行号', width: 10 }, { header: '处理结果', width: 12 }, { header: '问题说明', width: 60 },
    ...spec.headers.map((h) => ({ header: h.text || `${letter(h.column)}列`, width: 16 })),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  const groups: RowOutcome[][] = [['error'], ['transfer_suggested'], ['new', 'update', 'unchanged']];
  for (const outcomes of groups) {
    for await (const rows of spec.rowsOf(outcomes)) {
      for (const r of rows) {
        const row = ws.addRow([r.row_number, labels[r.outcome], r.messages.join('；'), ...r.raw]);
        const fill = fills[r.outcome];
        if (fill) row.getCell(2).fill = row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
        row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
        row.commit();
      }
    }
  }
  ws.commit();
  const summary = wb.addWorksheet('汇总');
  summary.columns = [{ width: 18 }, { width: 40 }];
  for (const l of spec.summary) summary.addRow(l).commit();
  summary.commit();
  await wb.commit();
}

/** The member and employer imports' report: rows read from import_row, 2,000 at a time. */
export async function writeReport(
  out: PassThrough, db: Db,
  batch: { id: string; kind: ImportKind; file_name: string; headers: unknown; counts: unknown },
): Promise<void> {
  const counts = batch.counts as Counts | null;
  const lines: Array<[string, string | number]> = [['文件', batch.file_name], ['导入类型', kindLabels[batch.kind]]];
  if (counts) {
    lines.push(['数据行', counts.rows], ['新增', counts.new], ['更新', counts.update], ['无变化', counts.unchanged],
      ['错误', counts.error], ['需办理接转', counts.transfer_suggested], ['跳过（空行、合计、落款等）', counts.skipped]);
  }
  async function* rowsOf(outcomes: RowOutcome[]): AsyncIterable<ReportRow[]> {
    for (let after = 0; ;) {
      const rows = await db.selectFrom('import_row').select(['row_number', 'outcome', 'messages', 'raw'])
        .where('batch_id', '=', batch.id).where('outcome', 'in', outcomes).where('row_number', '>', after)
        .orderBy('row_number').limit(2000).execute();
      yield rows.map((r) => ({ row_number: r.row_number, outcome: r.outcome, messages: r.messages as string[], raw: r.raw as string[] }));
      if (rows.length < 2000) break;
      after = rows[rows.length - 1].row_number;
    }
  }
  await writeOutcomeReport(out, { headers: batch.headers as HeaderColumn[], rowsOf, summary: lines });
}

const notes: Record<ImportKind, string> = {
  members: '填写说明：带*的列必填；身份证号请按文本填写（本列已设为文本格式，勿转为数字），15位旧号码将自动升级为18位；'
    + '性别、出生日期可不填（按身份证号识别）；日期可写作 2019-03-05、2019/3/5、2019.3.5 或 2019年3月5日；所属工会不填时为导入目标工会；'
    + '工作单位须为已登记的用人单位。请从第3行起填写，不要改动表头。各列可填的值见“填写说明”工作表。',
  employers: '填写说明：带*的列必填（已登记单位更新时，经济类型、行业可不填）；有统一社会信用代码的单位按代码识别，没有的按单位名称识别；'
    + '人数填整数，女职工、农民工、劳务派遣、新就业形态人数不能多于职工人数；是否建会填“是”或“否”。请从第3行起填写，不要改动表头。',
};

const lists: Partial<Record<string, { table?: string; values?: string[] }>> = {
  sex: { values: ['男', '女'] },
  ethnicity: { table: 'ethnicity' },
  education: { table: 'education' },
  politicalStatus: { table: 'political_status' },
  category: { table: 'worker_category' },
  ownership: { table: 'ownership' },
  industry: { table: 'industry' },
  hasUnion: { values: ['是', '否'] },
};

const textColumns = new Set(['idNumber', 'phone', 'creditCode']);

/** A clean template: a note row, the expected headers, ID and code columns as text, drop-down lists for coded columns. */
export async function templateWorkbook(db: Db, kind: ImportKind): Promise<Buffer> {
  const tables: EffectiveTable[] = await loadCodeTables(db);
  const fields = importFields[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = '工会工作平台';
  const ws = wb.addWorksheet(kind === 'members' ? '会员信息' : '用人单位信息', { views: [{ state: 'frozen', ySplit: 2 }] });
  const headers = ['序号', ...fields.map((f) => (f.required ? `*${f.synonyms[0]}` : f.synonyms[0]))];
  ws.mergeCells(1, 1, 1, headers.length);
  const note = ws.getCell(1, 1);
  note.value = notes[kind];
  note.alignment = { wrapText: true, vertical: 'middle' };
  note.font = { color: { argb: 'FFC00000' } };
  ws.getRow(1).height = 66;
  const head = ws.getRow(2);
  headers.forEach((h, i) => {
    const c = head.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = { bottom: { style: 'thin' } };
    c.alignment = { horizontal: 'center' };
  });
  ws.getColumn(1).width = 6;
  const codes = wb.addWorksheet('代码表', { state: 'hidden' });
  let codeCol = 0;
  fields.forEach((f, i) => {
    const col = ws.getColumn(i + 2);
    col.width = f.key === 'idNumber' || f.key === 'creditCode' ? 22 : f.key === 'employer' || f.key === 'name' && kind === 'employers' || f.key === 'union' || f.key === 'unionName' || f.key === 'address' ? 30 : 14;
    if (textColumns.has(f.key)) col.numFmt = '@';
    const list = lists[f.key];
    if (!list) return;
    const values = list.values ?? labelsOf(tables, list.table!);
    codeCol++;
    codes.getCell(1, codeCol).value = f.label;
    values.forEach((v, k) => { codes.getCell(k + 2, codeCol).value = v; });
    const range = `'代码表'!$${letter(codeCol)}$2:$${letter(codeCol)}$${values.length + 1}`;
    for (let r = 3; r <= 1002; r++) {
      ws.getCell(r, i + 2).dataValidation = {
        type: 'list', allowBlank: true, formulae: [range], showErrorMessage: false,
      };
    }
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列', width: 22 }, { header: '是否必填', width: 10 }, { header: '说明', width: 60 }, { header: '可填的值', width: 60 }, { header: '也认得的表头', width: 40 }];
  help.getRow(1).font = { bold: true };
  for (const f of fields) {
    const list = lists[f.key];
    const values = list ? (list.values ?? labelsOf(tables, list.table!)).join('、') : '';
    help.addRow([f.synonyms[0], f.required ? '必填' : '', f.hint ?? '', values, f.synonyms.slice(1).join('、')]);
  }
  help.getColumn(3).alignment = { wrapText: true };
  help.getColumn(4).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
