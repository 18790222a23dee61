/**
 * 建会率 and 入会率 from counts. A rate is a number with at most 4 decimals (0.8123), rounded
 * half up exactly (integer arithmetic, so 0.81235 never becomes 0.8123 through a binary
 * fraction), and null when there is nothing to divide by — never NaN or Infinity.
 */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError(`rate: counts must be non-negative integers (${numerator}/${denominator})`);
  }
  if (denominator === 0) return null;
  // round(n / d, 4) half up = floor((2 · n · 10⁴ + d) / (2 · d))
  return Math.floor((numerator * 20_000 + denominator) / (2 * denominator)) / 10_000;
}

export interface CoverageCounts {
  employers: number;
  unionizedEmployers: number;
  employees: number;
  members: number;
  migrantEmployees: number;
  migrantMembers: number;
  dispatchedEmployees: number;
  dispatchedMembers: number;
  platformEmployees: number;
  platformMembers: number;
}

export interface CoverageFigures extends CoverageCounts {
  /** 建会率: unionized employers ÷ employers */
  unionizationRate: number | null;
  /** 入会率: active members ÷ employees */
  membershipRate: number | null;
  migrantMembershipRate: number | null;
  dispatchedMembershipRate: number | null;
  platformMembershipRate: number | null;
}

export const countKeys = [
  'employers', 'unionizedEmployers', 'employees', 'members', 'migrantEmployees', 'migrantMembers',
  'dispatchedEmployees', 'dispatchedMembers', 'platformEmployees', 'platformMembers',
] as const satisfies readonly (keyof CoverageCounts)[];

export function emptyCounts(): CoverageCounts {
  return Object.fromEntries(countKeys.map((k) => [k, 0])) as unknown as CoverageCounts;
}

/** Counts from a database row: missing or null sums (no rows) are 0; bigint text becomes a number. */
export function countsFrom(row: Partial<Record<keyof CoverageCounts, unknown>> | undefined): CoverageCounts {
  const out = emptyCounts();
  for (const k of countKeys) out[k] = row?.[k] == null ? 0 : Number(row[k]);
  return out;
}

export function addCounts(a: CoverageCounts, b: CoverageCounts): CoverageCounts {
  const out = emptyCounts();
  for (const k of countKeys) out[k] = a[k] + b[k];
  return out;
}

export function coverageFigures(c: CoverageCounts): CoverageFigures {
  return {
    ...c,
    unionizationRate: rate(c.unionizedEmployers, c.employers),
    membershipRate: rate(c.members, c.employees),
    migrantMembershipRate: rate(c.migrantMembers, c.migrantEmployees),
    dispatchedMembershipRate: rate(c.dispatchedMembers, c.dispatchedEmployees),
    platformMembershipRate: rate(c.platformMembers, c.platformEmployees),
  };
}
