import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { Client, Response } from '../../../test-support/test-app.js';
import type { App } from '../../../platform/http.js';

/** A multipart/form-data body built by hand: fields, then the file. */
export function multipart(fields: Record<string, string>, file: { name: string; buffer: Buffer }) {
  const boundary = `----gonghui${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n`
    + 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n'));
  parts.push(file.buffer, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(client: Client, kind: 'members' | 'employers', orgId: number, buffer: Buffer, name = '花名册.xlsx'): Promise<Response> {
  const { body, headers } = multipart({ orgId: String(orgId) }, { name, buffer });
  return client.request('POST', `/api/imports/${kind}`, body, headers);
}

/** Polls a job until it is done; fails the test when it failed. */
export async function waitJob(client: Client, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/jobs/${jobId}`);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

/** upload → confirm the suggested mapping → dry run; returns the batch id and the dry run's job. */
export async function uploadAndDryRun(client: Client, kind: 'members' | 'employers', orgId: number, buffer: Buffer) {
  const up = await upload(client, kind, orgId, buffer);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const mapped = await client.put(`/api/imports/${kind}/${up.body.id}/mapping`, { mapping: up.body.mapping });
  expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
  const started = await client.post(`/api/imports/${kind}/${up.body.id}/dry-run`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await waitJob(client, started.body.jobId);
  expect(job.status, job.message).toBe('succeeded');
  return { id: up.body.id as string, upload: up.body, job };
}

export async function commit(client: Client, kind: 'members' | 'employers', id: string) {
  const started = await client.post(`/api/imports/${kind}/${id}/commit`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await waitJob(client, started.body.jobId);
  expect(job.status, job.message).toBe('succeeded');
  return job;
}

export async function allRows(client: Client, kind: 'members' | 'employers', id: string) {
  const res = await client.get(`/api/imports/${kind}/${id}/rows?pageSize=200`);
  expect(res.status).toBe(200);
  return new Map<number, { outcome: string; messages: string[]; cells: string[]; currentUnion: string | null }>(
    res.body.items.map((r: { rowNumber: number }) => [r.rowNumber, r]),
  );
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** GET a binary download (the test client decodes bodies as text). */
export async function download(app: App, client: Client, url: string): Promise<{ status: number; buffer: Buffer; headers: Record<string, unknown> }> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
  return { status: res.statusCode, buffer: res.rawPayload, headers: res.headers };
}

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
