// The pairing module's only doorways into the hardship module and the file store: the
// household through the hardship module's exported archiveRef (in the caller's scope), and
// the visit photos through server/platform/files.ts. Pairing SQL never reads the hardship
// tables; a pair keeps the archive id (a foreign key) and the worker's member id only.
import { codeLabel } from '../../../lib/code-tables.js';
import type { Db, Tx } from '../../platform/db.js';
import type { ScopePaths } from '../../platform/scope.js';
import { listFiles } from '../../platform/files.js';
import { archiveRef } from '../hardship/hardship.exports.js';

export interface Household {
  id: number;
  archiveNo: string | null;
  orgId: number;
  memberId: number;
  workerName: string;
  level: string;
  levelLabel: string;
  status: string;
  statusLabel: string;
}

// the hardship module's statuses, as the pairing pages name them
const statusLabels: Record<string, string> = {
  draft: '草稿', applied: '已申请', returned: '已退回', reviewed: '基层已审核', visited: '已入户核查', notice: '公示中',
  archived: '已建档', rejected: '已驳回', resolved: '已解困脱困', exited: '已退出',
};

export async function householdOf(db: Db | Tx, scope: ScopePaths, archiveId: number): Promise<Household | null> {
  const ref = await archiveRef(db, scope, archiveId);
  if (!ref) return null;
  return {
    id: ref.id, archiveNo: ref.archiveNo, orgId: ref.orgId, memberId: ref.memberId, workerName: ref.workerName,
    level: ref.level, levelLabel: codeLabel('hardship_level', ref.level),
    status: ref.status, statusLabel: statusLabels[ref.status] ?? ref.status,
  };
}

export interface PhotoRef { id: number; name: string; size: number; mime: string }

/** Each visit's photos, oldest first. The caller has loaded the visits through the scope. */
export async function visitPhotos(db: Db, visitIds: number[]): Promise<Map<number, PhotoRef[]>> {
  const result = new Map<number, PhotoRef[]>();
  for (const id of visitIds) {
    const files = await listFiles(db, 'pairing_visit', id);
    result.set(id, files.reverse().map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime })));
  }
  return result;
}
