import type { CommitteeRole } from './tables.js';

/** Roles on the committee, in the order a roster lists them. */
export const committeeRoles = ['chair', 'vice_chair', 'standing', 'committee', 'audit'] as const satisfies readonly CommitteeRole[];

export const committeeRoleLabels: Record<CommitteeRole, string> = {
  chair: '主席',
  vice_chair: '副主席',
  standing: '常委',
  committee: '委员',
  audit: '经审委员',
};

export type RolesResult = { ok: true; roles: CommitteeRole[] } | { ok: false; message: string };

/**
 * Completes a set of roles with what they imply — a chair or vice chair sits on the standing
 * committee, a standing member on the committee — and puts them in roster order. The database
 * checks the same rules (0004_committee.sql); this gives the user a clear message first.
 */
export function normalizeRoles(input: readonly CommitteeRole[]): RolesResult {
  const set = new Set<CommitteeRole>(input);
  if (set.size === 0) return { ok: false, message: '请至少选择一项' };
  if (set.has('chair') && set.has('vice_chair')) return { ok: false, message: '主席与副主席不能由同一人同时担任' };
  if (set.has('chair') || set.has('vice_chair')) set.add('standing');
  if (set.has('standing')) set.add('committee');
  return { ok: true, roles: committeeRoles.filter((r) => set.has(r)) };
}

/** Sort rank of a member on a roster: chair, vice chairs, standing, committee, audit only. */
export function roleRank(roles: readonly CommitteeRole[]): number {
  const i = committeeRoles.findIndex((r) => roles.includes(r));
  return i < 0 ? committeeRoles.length : i;
}

/** The highest office, for a roster column: 主席 / 副主席 / 常委 / 委员 / 经审委员. */
export function roleTitle(roles: readonly CommitteeRole[]): string {
  const top = committeeRoles.find((r) => roles.includes(r));
  const title = top ? committeeRoleLabels[top] : '';
  // an 经审委员 who also sits on the committee is shown with both
  return roles.includes('audit') && top !== 'audit' ? `${title}、经审委员` : title;
}

/** The seat a replacement takes over: a committee seat and/or an audit-committee seat, not the offices. */
export function seatRoles(leaving: readonly CommitteeRole[]): CommitteeRole[] {
  const seat: CommitteeRole[] = [];
  if (leaving.includes('committee')) seat.push('committee');
  if (leaving.includes('audit')) seat.push('audit');
  return seat.length ? seat : ['committee'];
}
