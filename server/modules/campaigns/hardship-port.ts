import type { Db, Tx } from '../../platform/db.js';
import type { ScopePaths } from '../../platform/scope.js';
import type { ArchiveSource, MarkAssisted } from './recipient.service.js';

// The campaigns module reaches the hardship archive only through that module's exported
// functions; this file adapts them to the shapes the campaign services take.
// (Until the hardship module lands, there is no archive: nominations only.)

export const archiveSource: ArchiveSource = async () => [];

export const markArchiveAssisted: MarkAssisted = async () => undefined;

/** Archives of one member (hardship module), for the member's assistance page. */
export async function archivesOfMemberPort(_db: Db | Tx, _scope: ScopePaths, _memberId: number): Promise<unknown[]> {
  return [];
}

/** Pairing visits of one member (pairing module). */
export async function visitsOfMemberPort(_db: Db | Tx, _scope: ScopePaths, _memberId: number): Promise<unknown[]> {
  return [];
}
