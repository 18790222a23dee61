import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, type Client, type TestContext } from '../../../test-support/test-app.js';
import { makeCreditCode } from '../../../../lib/validators/credit-code.js';
import { allRows, commit, download, readWorkbook, upload, uploadAndDryRun, workbookBuffer } from './helpers.js';

let t: TestContext;
let cadreA: Client;
let cadreB: Client;
const ids: Record<'bracket' | 'plain' | 'other', number> = { bracket: 0, plain: 0, other: 0 };
const codeNew = makeCreditCode('370523', 'MA3C00001');
const codeOther = makeCreditCode('370523', 'MA3C00002');
const codeBad = makeCreditCode('370523', 'MA3C00003').slice(0, 17) + (makeCreditCode('370523', 'MA3C00003')[17] === '1' ? '2' : '1');

async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业名录');
  ws.getCell('A1').value = '甲镇用人单位基本情况统计表';
  ws.mergeCells('A1:N1');
  ws.getRow(2).values = ['序号', '单位名称', '统一社会信用代码', '经济类型', '所属行业', '所在乡镇', '单位地址', '职工人数（人）', '其中：女职工', '农民工', '劳务派遣', '新就业形态', '是否建会', '工会名称'];
  const rows: Record<number, unknown[]> = {
    3: [1, '广饶县甲新材料有限公司', codeNew.toLowerCase(), '民营', '制造业', '大王镇', '大王镇工业园1号', 120, 50, '30人', 10, 0, '是', '甲镇某机械有限公司工会'],
    4: [2, '山东甲镇机械(集团)有限公司', null, null, null, null, null, 300],
    5: [3, '错码公司', codeBad, '私营', 'C'],
    6: [4, '女工多公司', null, '私营', 'C', null, null, 10, 20],
    7: [5, '火星公司', null, '私营', 'C', '火星镇'],
    8: [6, '无类型公司', null, null, 'C'],
    9: [7, '广饶县甲新材料有限公司', null, '私营', 'C'],
    10: [8, '乙镇登记的公司', codeOther, '私营', 'C'],
    11: [9, '甲镇某机械有限公司', null, '私营', 'C 制造业'],
    12: [10, '未建会公司', null, '私营', 'C', null, null, 5, 0, 0, 0, 0, '否', '甲镇某机械有限公司工会'],
    13: [11, '挂靠乡镇公司', null, '私营', 'C', null, null, 5, 0, 0, 0, 0, '是', '甲镇总工会'],
    14: ['合计', null, null, null, null, null, null, 435],
  };
  for (const [n, values] of Object.entries(rows)) ws.getRow(Number(n)).values = values as ExcelJS.CellValue[];
  ws.getCell('A16').value = '填表人：王小明';
  ws.getCell('H16').value = '填报日期：2024年5月20日';
  return workbookBuffer(wb);
}

beforeAll(async () => {
  t = await createTestContext();
  [cadreA, cadreB] = await Promise.all([t.as('cadreA'), t.as('cadreB')]);
  const db = t.database.db;
  const employer = (orgId: number, name: string, code: string | null = null) => db.insertInto('employer')
    .values({ org_id: orgId, name, ownership: 'private', industry: 'C', credit_code: code, updated_at: new Date('2024-01-01T00:00:00Z') })
    .returning('id').executeTakeFirstOrThrow().then((r) => r.id);
  ids.bracket = await employer(t.orgs.townA, '山东甲镇机械（集团）有限公司');
  ids.plain = await employer(t.orgs.unionA, '甲镇某机械有限公司');
  ids.other = await employer(t.orgs.townB, '乙镇某化工有限公司', codeOther);
});
afterAll(async () => { await t?.close(); });

describe('employer import', () => {
  let file: Buffer;
  let batch: string;

  it('dry run: matches by credit code or by name (brackets aside), every error names its column', async () => {
    file = await messyWorkbook();
    const up = await upload(cadreA, 'employers', t.orgs.townA, file, '用人单位.xlsx');
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ headerRow: 2, missing: [] });
    expect(up.body.mapping).toEqual({
      name: 2, creditCode: 3, ownership: 4, industry: 5, township: 6, address: 7, employeeCount: 8, womenCount: 9,
      migrantCount: 10, dispatchedCount: 11, platformCount: 12, hasUnion: 13, unionName: 14,
    });
    const run = await uploadAndDryRun(cadreA, 'employers', t.orgs.townA, file);
    batch = run.id;
    expect(run.job.result.counts).toMatchObject({ rows: 11, new: 1, update: 1, unchanged: 1, error: 8, transfer_suggested: 0 });
    const rows = await allRows(cadreA, 'employers', batch);
    const m = (n: number) => rows.get(n)!.messages.join('；');
    expect(rows.get(3)!.outcome).toBe('new');
    expect(rows.get(4)!.outcome).toBe('update');
    expect(m(4)).toBe('更新：职工人数');
    expect(m(5)).toBe('统一社会信用代码：校验位错误');
    expect(m(6)).toBe('女职工：不能超过职工人数（10）');
    expect(m(7)).toBe('所在乡镇：未找到“火星镇”，应为本县的乡镇或街道');
    expect(m(8)).toBe('经济类型：新登记的单位不能为空');
    expect(m(9)).toBe('单位名称：与第3行重复');
    expect(m(10)).toBe('统一社会信用代码：已由其他工会登记，请联系上级工会核实');
    expect(rows.get(11)!.outcome).toBe('unchanged');
    expect(m(12)).toBe('是否建会：已有覆盖工会的单位应为已建会');
    expect(m(13)).toBe('工会名称：“甲镇总工会”不是基层工会或联合基层工会');
    expect(JSON.stringify([...rows.values()])).not.toContain('乙镇某化工');
  });

  it('commit writes the new employer and the change, audited; a re-run changes nothing', async () => {
    const job = await commit(cadreA, 'employers', batch);
    expect(job.result.written).toEqual({ created: 1, updated: 1 });
    const db = t.database.db;
    const created = await db.selectFrom('employer').selectAll().where('credit_code', '=', codeNew).executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      org_id: t.orgs.townA, name: '广饶县甲新材料有限公司', ownership: 'private', industry: 'C', township_code: '370523101', address: '大王镇工业园1号',
      employee_count: 120, women_count: 50, migrant_count: 30, dispatched_count: 10, platform_count: 0, has_union: true, covering_union_id: t.orgs.unionA,
    });
    const bracket = await db.selectFrom('employer').selectAll().where('id', '=', ids.bracket).executeTakeFirstOrThrow();
    expect(bracket).toMatchObject({ name: '山东甲镇机械（集团）有限公司', employee_count: 300, ownership: 'private' });
    const audits = await db.selectFrom('audit_log').select(['summary', 'before']).where('entity', '=', 'import_batch').where('entity_id', '=', batch).execute();
    expect(audits).toHaveLength(1);
    expect(audits[0].summary).toContain('新增1家，更新1家');
    expect(audits[0].before).toEqual({ employers: { [ids.bracket]: { employee_count: 0 } } });

    const snapshot = async () => JSON.stringify(await db.selectFrom('employer').selectAll().orderBy('id').execute());
    const before = await snapshot();
    const again = await uploadAndDryRun(cadreA, 'employers', t.orgs.townA, file);
    expect(again.job.result.counts).toMatchObject({ rows: 11, new: 0, update: 0, unchanged: 3, error: 8 });
    const rows = await allRows(cadreA, 'employers', again.id);
    expect([3, 4, 11].map((n) => rows.get(n)!.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    await commit(cadreA, 'employers', again.id);
    expect(await snapshot()).toBe(before);
  });

  it('keeps batches to their township, and serves a template', async () => {
    expect((await cadreB.get(`/api/imports/employers/${batch}`)).status).toBe(404);
    expect((await download(t.app, cadreB, `/api/imports/employers/${batch}/report.xlsx`)).status).toBe(404);
    const tpl = await download(t.app, cadreA, '/api/imports/employers/template.xlsx');
    expect(tpl.status).toBe(200);
    const wb = await readWorkbook(tpl.buffer);
    expect((wb.worksheets[0].getRow(2).values as unknown[]).slice(1, 5)).toEqual(['序号', '*单位名称', '统一社会信用代码', '经济类型']);
    const report = await download(t.app, cadreA, `/api/imports/employers/${batch}/report.xlsx`);
    const sheet = (await readWorkbook(report.buffer)).getWorksheet('导入结果')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('错误');
    expect(sheet.getRow(2).getCell(3).value).toBe('统一社会信用代码：校验位错误');
  });
});
