/**
 * 困难职工 level, computed from the household's figures and the local 低保 line (SPEC §3.5):
 *
 *   monthly per-capita = (yearly disposable income − rigid expenses) ÷ 12 ÷ household size
 *   深度困难 (deep)        per-capita <  line
 *   相对困难 (relative)    per-capita <  2 × line
 *   意外致困 (accidental)  hardship costs > 80% of the household's yearly income
 *   不符合 (none)          otherwise
 *
 * Precedence: deep > relative > accidental (the first clause that holds wins; a household both
 * poor and hit by an accident is filed by its income). "Below" is strict: exactly at the line
 * is not below it.
 *
 * All amounts are integer fen. The comparisons never divide: per-capita < line is the same as
 * net < line × 12 × size, and costs > 80% × income the same as costs × 5 > income × 4, so no
 * rounding can move a household across a line. The per-capita figure in the basis is for the
 * page only (rounded down to the fen).
 */
export type HardshipLevel = 'deep' | 'relative' | 'accidental' | 'none';

export interface LevelInput {
  /** yearly disposable income of the whole household, fen */
  incomeFen: number;
  /** yearly rigid expenses (medical, schooling, rent …), fen */
  expenseFen: number;
  /** 意外致困: costs of the accident / illness this year, fen */
  hardshipCostsFen: number;
  householdSize: number;
  /** the 低保 line: monthly, per person, fen */
  dibaoLineFen: number;
}

export interface LevelBasis extends LevelInput {
  level: HardshipLevel;
  /** income − expenses (may be negative) */
  netFen: number;
  /** net ÷ 12 ÷ size, rounded down to the fen; display only */
  perCapitaMonthlyFen: number;
  /** net must be below these for deep / relative: line × 12 × size, and twice that */
  deepBelowFen: number;
  relativeBelowFen: number;
  /** costs must exceed this for accidental: 80% of income (exact value, may have a fraction of a fen) */
  accidentAboveFen: number;
  isDeep: boolean;
  isRelative: boolean;
  isAccidental: boolean;
}

function assertFen(name: string, v: number) {
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number of fen ≥ 0`);
}

export function computeHardshipLevel(input: LevelInput): LevelBasis {
  const { incomeFen, expenseFen, hardshipCostsFen, householdSize, dibaoLineFen } = input;
  assertFen('incomeFen', incomeFen);
  assertFen('expenseFen', expenseFen);
  assertFen('hardshipCostsFen', hardshipCostsFen);
  assertFen('dibaoLineFen', dibaoLineFen);
  if (!Number.isInteger(householdSize) || householdSize < 1) throw new RangeError('householdSize must be ≥ 1');
  const netFen = incomeFen - expenseFen;
  const deepBelowFen = dibaoLineFen * 12 * householdSize;
  const relativeBelowFen = deepBelowFen * 2;
  const isDeep = netFen < deepBelowFen;
  const isRelative = netFen < relativeBelowFen;
  const isAccidental = hardshipCostsFen * 5 > incomeFen * 4;
  const level: HardshipLevel = isDeep ? 'deep' : isRelative ? 'relative' : isAccidental ? 'accidental' : 'none';
  return {
    ...input,
    level,
    netFen,
    perCapitaMonthlyFen: Math.floor(netFen / (12 * householdSize)),
    deepBelowFen,
    relativeBelowFen,
    accidentAboveFen: (incomeFen * 4) / 5,
    isDeep,
    isRelative,
    isAccidental,
  };
}

/** The 低保 line of a year from the setting's map {"2026": 82000, …}: that year's, else the latest earlier one. */
export function dibaoLineFor(lines: Record<string, number>, year: number): { year: number; lineFen: number } | null {
  const years = Object.keys(lines).map(Number).filter((y) => Number.isInteger(y) && y <= year && lines[String(y)]! > 0).sort((a, b) => b - a);
  const y = years[0];
  return y === undefined ? null : { year: y, lineFen: lines[String(y)]! };
}
