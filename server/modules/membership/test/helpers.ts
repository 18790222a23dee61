import ExcelJS from 'exceljs';
import type { Client, TestContext } from '../../../test-support/test-app.js';

/** Downloads an .xlsx export and answers its first sheet as rows of cell texts. */
export async function exportRows(t: TestContext, client: Client, url: string): Promise<{ status: number; rows: string[][] }> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  if (res.statusCode !== 200) return { status: res.statusCode, rows: [] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : v instanceof Date ? v.toISOString() : String(v))));
  });
  return { status: res.statusCode, rows };
}

/**
 * pg-pool's end() resolves before the sockets of its idle clients close, so the test context's
 * `drop database … with (force)` can hit one of them, and the pool — which has no 'error'
 * listener (server/platform/db.ts) — throws it as an unhandled error. Until the platform
 * listens for pool errors, the tests swallow this one at teardown.
 */
export function toleratePoolTeardown(t: TestContext): void {
  t.database.pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
}
