import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export interface JobProgress {
  /** Reports progress; the UI polls GET /api/jobs/:id. */
  update(done: number, total?: number, message?: string): Promise<void>;
}

/**
 * Starts long work in the background and returns its id at once. The job row keeps the
 * progress and the result (or the error message), so a page reload does not lose it.
 */
export async function startJob(
  db: Db,
  meta: { kind: string; userId: number; orgId?: number | null; total?: number },
  work: (progress: JobProgress) => Promise<unknown>,
): Promise<string> {
  const id = randomUUID();
  await db.insertInto('job').values({ id, kind: meta.kind, created_by: meta.userId, org_id: meta.orgId ?? null, total: meta.total ?? null, result: null }).execute();
  const progress: JobProgress = {
    async update(done, total, message) {
      await db.updateTable('job').set({ done, ...(total !== undefined ? { total } : {}), ...(message ? { message } : {}) }).where('id', '=', id).execute();
    },
  };
  void (async () => {
    try {
      const result = await work(progress);
      await db.updateTable('job').set({ status: 'succeeded', result: JSON.stringify(result ?? null), finished_at: new Date() }).where('id', '=', id).execute();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.updateTable('job').set({ status: 'failed', message: message.slice(0, 500), finished_at: new Date() }).where('id', '=', id).execute();
    }
  })();
  return id;
}

export async function getJob(db: Db, id: string, userId: number) {
  // a job is visible to the user who started it, and nobody else
  return db.selectFrom('job').selectAll().where('id', '=', id).where('created_by', '=', userId).executeTakeFirst();
}

/** At start-up: a job still 'running' was cut off by the previous process and will never finish. */
export async function failInterruptedJobs(db: Db): Promise<number> {
  const rows = await db.updateTable('job')
    .set({ status: 'failed', message: '服务重启，任务中断，请重新执行', finished_at: new Date() })
    .where('status', '=', 'running').returning('id').execute();
  return rows.length;
}
