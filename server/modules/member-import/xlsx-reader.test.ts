import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openXlsx, peekSheets, readRows, sheetMeta } from './xlsx-reader.js';

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx reader', () => {
  it('lists sheets by name, in order, hidden ones marked', async () => {
    const file = openXlsx(await book((wb) => {
      wb.addWorksheet('说明').addRow(['x']);
      wb.addWorksheet('代码', { state: 'hidden' }).addRow(['y']);
      wb.addWorksheet('花名册 (2)').addRows([['a'], ['b'], ['c']]);
    }));
    expect(file.sheets.map((s) => [s.name, s.hidden, s.rows])).toEqual([['说明', false, 1], ['代码', true, 1], ['花名册 (2)', false, 3]]);
  });

  it('fills merged cells with the master value, across and down', async () => {
    const file = openXlsx(await book((wb) => {
      const ws = wb.addWorksheet('s');
      ws.getCell('A1').value = '标题';
      ws.mergeCells('A1:C1');
      ws.getRow(2).values = ['张三', '某公司', 1];
      ws.getRow(3).values = ['李四', null, 2];
      ws.getRow(4).values = ['王五', null, 3];
      ws.mergeCells('B2:B4');
    }));
    const sheet = file.sheets[0];
    expect(sheetMeta(file, sheet).merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 3 }, { top: 2, left: 2, bottom: 4, right: 2 }]);
    const rows = [];
    for await (const r of readRows(file, sheet)) rows.push(r);
    expect(rows.map((r) => r.cells)).toEqual([['标题', '标题', '标题'], ['张三', '某公司', 1], ['李四', '某公司', 2], ['王五', '某公司', 3]]);
  });

  it('keeps cell types: text, numbers, dates, formulas', async () => {
    const file = openXlsx(await book((wb) => {
      const ws = wb.addWorksheet('s');
      ws.addRow(['370523199001011235', 370523900101123, new Date(Date.UTC(2019, 2, 5)), { formula: '1+1', result: 2 }, { richText: [{ text: '张' }, { text: '三' }] }]);
    }));
    const rows = [];
    for await (const r of readRows(file, file.sheets[0])) rows.push(r.cells);
    expect(rows[0]).toEqual(['370523199001011235', 370523900101123, new Date(Date.UTC(2019, 2, 5)), 2, '张三']);
  });

  it('reads the top of every sheet, and stops early without leaving anything behind', async () => {
    const file = openXlsx(await book((wb) => {
      wb.addWorksheet('a').addRows(Array.from({ length: 100 }, (_, i) => [`a${i + 1}`]));
      wb.addWorksheet('b').addRows(Array.from({ length: 100 }, (_, i) => [`b${i + 1}`]));
    }));
    const peek = await peekSheets(file, 5);
    expect([...peek.values()].map((rows) => rows.map((r) => r.cells[0]))).toEqual([['a1', 'a2', 'a3', 'a4', 'a5'], ['b1', 'b2', 'b3', 'b4', 'b5']]);
  });

  it('refuses what is not an .xlsx', () => {
    expect(() => openXlsx(Buffer.from('姓名,身份证号'))).toThrow(/不是有效的 \.xlsx/);
    expect(() => openXlsx(Buffer.from('d0cf11e0a1b11ae100000000', 'hex'))).toThrow(/另存为/);
  });
});
