import type { Db, Tx } from '../../platform/db.js';
import type { ScopePaths } from '../../platform/scope.js';
import { archivesOfMember, eligibleArchives, markAssisted, type HardshipLevel } from '../hardship/hardship.exports.js';
import { visitsOfMember } from '../pairing/pairing.service.js';
import type { ArchiveSource, MarkAssisted } from './recipient.service.js';

// The campaigns module reaches the hardship archive and the 结对帮扶 visits only through those
// modules' exported functions (never their tables); this file adapts them to the shapes the
// campaign services take.

export const archiveSource: ArchiveSource = async (db, query) => {
  const rows = await eligibleArchives(db, {
    scope: query.scope, levels: query.levels as HardshipLevel[] | undefined, withCollegeChild: query.withCollegeChild, orgId: query.orgId,
  });
  return rows.map((a) => ({
    archiveId: a.archiveId, memberId: a.memberId, orgId: a.orgId, level: a.level, personHash: a.personHash, name: a.workerName,
  }));
};

export const markArchiveAssisted: MarkAssisted = (tx, archiveId, date) => markAssisted(tx, archiveId, date);

/** Archives of one member (hardship module), for the member's assistance page. */
export async function archivesOfMemberPort(db: Db | Tx, scope: ScopePaths, memberId: number): Promise<unknown[]> {
  return archivesOfMember(db, scope, memberId);
}

/** 结对帮扶 visits to one member's household (pairing module), those in `scope` only. */
export async function visitsOfMemberPort(db: Db, scope: ScopePaths, memberId: number) {
  return visitsOfMember(db, scope, memberId);
}
