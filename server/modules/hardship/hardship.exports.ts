import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { Actor } from '../../platform/audit.js';
import { ownedInScope, type ScopePaths } from '../../platform/scope.js';
import { notFound } from '../../platform/errors.js';
import type { FieldCrypto } from '../../platform/crypto.js';
import type { HardshipLevel, HardshipStatus } from './tables.js';
import { createArchive } from './hardship.service.js';

/**
 * What other modules (campaigns, 结对帮扶, appeals, the member page) call. The signatures are
 * stable: extend with optional fields only. Nothing outside this module writes the hardship
 * tables; everything goes through here.
 */
export type { HardshipLevel, HardshipStatus } from './tables.js';

/** Statuses after which an archive is closed for good. */
export { closedStatuses } from './hardship.flow.js';

export interface EligibleArchive {
  archiveId: number;
  archiveNo: string;
  memberId: number;
  orgId: number;
  level: HardshipLevel;
  workerName: string;
  /** the member's ID-number blind index (field crypto), for de-duplication across lists */
  personHash: Buffer;
}

/**
 * Active archives (status 'archived': approved, numbered, not resolved or exited) whose union
 * lies in `scope`, optionally of some levels, of one union's subtree (`orgId`), or only those
 * with a household member admitted to college this year (school_stage 'college_entrant',
 * the 金秋助学 rule).
 */
export async function eligibleArchives(
  db: Db | Tx,
  opts: { scope: ScopePaths; levels?: HardshipLevel[]; withCollegeChild?: boolean; orgId?: number },
): Promise<EligibleArchive[]> {
  let q = db.selectFrom('hardship_archive as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .select(['a.id as archiveId', 'a.archive_no as archiveNo', 'a.member_id as memberId', 'a.org_id as orgId', 'a.level', 'm.name as workerName', 'm.id_number_hash as personHash'])
    .where('a.status', '=', 'archived')
    .where(ownedInScope('a.org_id', opts.scope));
  if (opts.levels && opts.levels.length > 0) q = q.where('a.level', 'in', opts.levels);
  if (opts.orgId !== undefined) {
    q = q.where(({ eb, selectFrom }) => eb('a.org_id', 'in',
      selectFrom('org as sub').select('sub.id').where(({ eb: e2, ref }) => e2(ref('sub.path'), '<@', selectFrom('org as top').select('top.path').where('top.id', '=', opts.orgId!)))));
  }
  if (opts.withCollegeChild) {
    q = q.where(({ exists, selectFrom }) => exists(
      selectFrom('hardship_household_member as h').select('h.id').whereRef('h.archive_id', '=', 'a.id').where('h.school_stage', '=', 'college_entrant')));
  }
  const rows = await q.orderBy('a.id').execute();
  return rows.map((r) => ({ ...r, archiveNo: r.archiveNo ?? '' }));
}

export interface MemberArchiveSummary {
  id: number;
  archiveNo: string | null;
  orgId: number;
  orgName: string;
  level: HardshipLevel;
  status: HardshipStatus;
  mainCause: string;
  appliedAt: Date | null;
  archivedOn: string | null;
  nextReviewDue: string | null;
  lastAssistedOn: string | null;
  closedOn: string | null;
  closedReason: string | null;
  createdAt: Date;
}

/** A member's archives, newest first, those in `scope` only (the member page). */
export async function archivesOfMember(db: Db | Tx, scope: ScopePaths, memberId: number): Promise<MemberArchiveSummary[]> {
  return db.selectFrom('hardship_archive as a')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select([
      'a.id', 'a.archive_no as archiveNo', 'a.org_id as orgId', 'o.name as orgName', 'a.level', 'a.status', 'a.main_cause as mainCause',
      'a.applied_at as appliedAt', 'a.archived_on as archivedOn', 'a.next_review_due as nextReviewDue', 'a.last_assisted_on as lastAssistedOn',
      'a.closed_on as closedOn', 'a.closed_reason as closedReason', 'a.created_at as createdAt',
    ])
    .where('a.member_id', '=', memberId)
    .where(ownedInScope('a.org_id', scope))
    .orderBy('a.created_at', 'desc').orderBy('a.id', 'desc')
    .execute();
}

/**
 * Opens an application for a member (the appeals module turns a ticket into one): status
 * 'applied', the worker's figures empty (a household of one, no income: the applicant
 * completes them on the archive page). The CALLER has checked that `orgId` lies in its scope
 * (hardship:apply); the member must belong to that union or one below it (else 404). A member
 * with an application in flight or an active archive: 409. Call inside the caller's transaction.
 */
export async function openHardshipApplication(
  tx: Tx,
  actor: Actor,
  input: { orgId: number; memberId: number; mainCause?: string; note?: string | null; sourceTicketId?: number | null },
): Promise<{ id: number }> {
  const org = await tx.selectFrom('org').select('path').where('id', '=', input.orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  const id = await createArchive(tx, noPersonalNumbers, actor, [org.path], {
    memberId: input.memberId, submit: true, mainCause: input.mainCause ?? 'other', sourceTicketId: input.sourceTicketId ?? null, note: input.note ?? null,
    health: 'healthy', disability: 'none', workStatus: 'employed', hukou: 'urban', housing: 'own', employerCondition: 'normal', modelWorker: false,
    household: [], lines: [],
  });
  return { id };
}

// an application opened from a ticket carries no new ID or bank numbers to seal
const noPersonalNumbers: FieldCrypto = {
  encrypt: () => { throw new Error('no personal numbers expected'); },
  decrypt: () => { throw new Error('no personal numbers expected'); },
  blindIndex: () => { throw new Error('no personal numbers expected'); },
};

export interface ArchiveRef {
  id: number;
  archiveNo: string | null;
  orgId: number;
  orgName: string;
  memberId: number;
  workerName: string;
  level: HardshipLevel;
  status: HardshipStatus;
}

/** Minimal facts of one archive in scope, or null (结对帮扶 pairs a household with a cadre). */
export async function archiveRef(db: Db | Tx, scope: ScopePaths, archiveId: number): Promise<ArchiveRef | null> {
  const row = await db.selectFrom('hardship_archive as a')
    .innerJoin('member as m', 'm.id', 'a.member_id')
    .innerJoin('org as o', 'o.id', 'a.org_id')
    .select(['a.id', 'a.archive_no as archiveNo', 'a.org_id as orgId', 'o.name as orgName', 'a.member_id as memberId', 'm.name as workerName', 'a.level', 'a.status'])
    .where('a.id', '=', archiveId)
    .where(ownedInScope('a.org_id', scope))
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The campaign module records that a household got help on `date` (送温暖 payment …): keeps
 * the latest date on the archive, which the "never assisted" follow-up list reads. Call in
 * the transaction that records the payment.
 */
export async function markAssisted(tx: Tx, archiveId: number, date: string): Promise<void> {
  await tx.updateTable('hardship_archive')
    .set({ last_assisted_on: sql<string>`greatest(last_assisted_on, ${date}::date)` })
    .where('id', '=', archiveId)
    .execute();
}

