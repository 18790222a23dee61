import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support/test-app.js';
import { failInterruptedJobs, startJob } from '../jobs.js';

let t: TestContext;
beforeAll(async () => { t = await createTestContext(); });
afterAll(async () => { await t?.close(); });

const userId = async (name: string) => (await t.database.db.selectFrom('app_user').select('id').where('username', '=', name).executeTakeFirstOrThrow()).id;

describe('jobs', () => {
  it('reports progress and the result to the user who started it, and to nobody else', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const id = await startJob(t.database.db, { kind: 'test', userId: await userId('staff') }, async (progress) => {
      await progress.update(3, 10, '处理中');
      await gate;
      return { done: true };
    });
    const staff = await t.as('staff');
    await expect.poll(async () => (await staff.get(`/api/jobs/${id}`)).body.done).toBe(3);
    expect((await staff.get(`/api/jobs/${id}`)).body).toMatchObject({ status: 'running', total: 10, message: '处理中' });
    expect((await (await t.as('cadreA')).get(`/api/jobs/${id}`)).status).toBe(404);
    release();
    await expect.poll(async () => (await staff.get(`/api/jobs/${id}`)).body.status).toBe('succeeded');
    expect((await staff.get(`/api/jobs/${id}`)).body.result).toEqual({ done: true });
  });

  it('marks a job cut off by a restart as failed', async () => {
    await t.database.db.insertInto('job').values({ id: '00000000-0000-4000-8000-000000000001', kind: 'test', created_by: await userId('staff'), result: null }).execute();
    expect(await failInterruptedJobs(t.database.db)).toBe(1);
    const job = await t.database.db.selectFrom('job').selectAll().where('id', '=', '00000000-0000-4000-8000-000000000001').executeTakeFirstOrThrow();
    expect(job.status).toBe('failed');
    expect(job.message).toContain('重启');
  });
});
