import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { decodeText, isDateFormat, parseDateStyles, parseRows, parseSharedStrings } from './sheet-xml.js';
import { openXlsx, readRows } from './xlsx-reader.js';
import { fromExcel } from './cell-values.js';

const ctx = { shared: ['张三', '某公司'], dateStyles: [false, true], date1904: false };
const rows = (xml: string) => [...parseRows(xml, ctx, { lastRow: 0 })];

describe('sheet XML', () => {
  it('reads every kind of cell value', () => {
    const xml = '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="inlineStr"><is><t>李&amp;四</t></is></c>'
      + '<c r="D3"><f>1+1</f><v>2</v></c><c r="E3" t="str"><f>A1</f><v>文本</v></c><c r="F3" t="b"><v>1</v></c>'
      + '<c r="G3" t="e"><v>#N/A</v></c><c r="H3" s="1"><v>43529</v></c><c r="I3" s="0"><v>370523900101123</v></c><c r="J3" s="1"/></row>';
    expect(rows(xml)).toEqual([{ rowNumber: 3, cells: ['张三', null, '李&四', 2, '文本', true, '#N/A', new Date(Date.UTC(2019, 2, 5)), 370523900101123] }]);
  });

  it('follows the previous row and cell where references are missing; namespace prefixes are fine', () => {
    const xml = '<x:row><x:c><x:v>1</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row><x:row r="7"/><x:row><x:c r="C8"><x:v>3</x:v></x:c></x:row>';
    expect(rows(xml)).toEqual([{ rowNumber: 1, cells: [1, '某公司'] }, { rowNumber: 7, cells: [] }, { rowNumber: 8, cells: [null, null, 3] }]);
  });

  it('joins rich text runs and leaves phonetic guides out', () => {
    const sst = '<sst><si><t>一</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">张 </t></r><r><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh></si><si><t/></si><si><t>a_x000A_b</t></si></sst>';
    expect(parseSharedStrings(sst)).toEqual(['一', '张 三', '', 'a\nb']);
    expect(decodeText('&lt;&#20013;&#x6587;&gt;')).toBe('<中文>');
  });

  it('knows which number formats are dates', () => {
    for (const id of [14, 22, 31, 57]) expect(isDateFormat(id, undefined)).toBe(true);
    for (const id of [0, 1, 49]) expect(isDateFormat(id, undefined)).toBe(false);
    expect(isDateFormat(176, 'yyyy"年"m"月"d"日";@')).toBe(true);
    expect(isDateFormat(177, '[$-804]yyyy/m/d')).toBe(true);
    expect(isDateFormat(178, '#,##0.00"元";[Red]-#,##0.00')).toBe(false);
    expect(isDateFormat(179, '0.00E+00')).toBe(false);
    expect(isDateFormat(180, '@')).toBe(false);
    expect(parseDateStyles('<numFmts><numFmt numFmtId="176" formatCode="yyyy.mm.dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs>'))
      .toEqual([false, true, true]);
  });

  it('reads what exceljs writes exactly as exceljs reads it', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('张三', '甲镇某机械（集团）有限公司', '<&>"\'', ' 前后空格 ', '370523199001011235', '3.70523E+17', '_x000D_'),
      fc.integer({ min: -1e9, max: 1e15 }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => new Date(Math.round(d.getTime() / 86_400_000) * 86_400_000)),
      fc.constant(null),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.boolean(), async (data, shared) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('s');
      data.forEach((r) => ws.addRow(r));
      const buffer = Buffer.from(await (shared ? wb.xlsx.writeBuffer() : wb.xlsx.writeBuffer({ useSharedStrings: false } as never)));
      const expected = new ExcelJS.Workbook();
      await expected.xlsx.load(buffer as unknown as ArrayBuffer);
      const want: Array<{ rowNumber: number; cells: unknown[] }> = [];
      expected.worksheets[0].eachRow({ includeEmpty: false }, (row, n) => {
        const cells = Array.from((row.values as unknown[]).slice(1), (v) => fromExcel(v));
        while (cells.length && cells[cells.length - 1] === null) cells.pop();
        want.push({ rowNumber: n, cells });
      });
      const file = openXlsx(buffer);
      const got: Array<{ rowNumber: number; cells: unknown[] }> = [];
      for await (const r of readRows(file, file.sheets[0])) if (r.cells.some((c) => c !== null)) got.push(r);
      expect(got).toEqual(want);
    }), { numRuns: 60 });
  });
});
