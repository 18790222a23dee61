import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db.js';
import type { Actor } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';
import type { AppealTable, TransferKind } from './tables.js';

// 转: a ticket becomes a legal-aid case, a mediation case or a hardship application, made by
// the owning module's exported function inside the ticket's transaction, carrying the ticket's
// data (worker, employer, amount, content) and its id as `sourceTicketId`.

export interface TransferInput {
  kind: TransferKind;
  /** hardship: the member the application is for (the ticket's member when absent) */
  memberId?: number | null;
  mainCause?: string | null;
}

export interface TransferTarget {
  id: number;
  no?: string | null;
}

export async function openTransferTarget(
  _tx: Tx, _actor: Actor, _ticket: Selectable<AppealTable>, input: TransferInput & { handlingOrgId: number }, _note: string | null,
): Promise<TransferTarget> {
  throw conflict(`转办“${input.kind}”所需的模块尚未启用`);
}

/** The transferred case's status, for the ticket page. */
export async function transferTargetStatus(_db: Db, kind: TransferKind, id: number, _ticketId: number) {
  return { kind, id, no: null as string | null, statusLabel: null as string | null, chain: [] as unknown[] };
}

/** Legal aid recovered and mediation success for the figures page (the legal module's figures). */
export async function legalFiguresOf(_db: Db, _scope: readonly string[], _period: { from?: string; to?: string }) {
  return null as null | { legalAidCases: number; recoveredFen: number; mediationCases: number; mediationSuccessRate: number | null };
}
