import { z } from 'zod';

/**
 * An edition's eligibility rule (stored as jsonb). Archive levels pick households from the
 * hardship archive; categories describe whom a union may nominate; `collegeChild` narrows
 * the archive to households with a child admitted to college (金秋助学); amounts per level
 * override the standard amount (深度困难 1000 元, 相对困难 500 元).
 */
export const archiveLevels = ['deep', 'relative', 'accidental'] as const;
export type ArchiveLevel = (typeof archiveLevels)[number];

const fen = z.number().int('金额应为整数（分）').min(1, '金额应大于0').max(100_000_000, '金额过大');

export const ruleSchema = z.object({
  levels: z.array(z.enum(archiveLevels, '困难类别无效')).max(3).default([]),
  categories: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  collegeChild: z.boolean().default(false),
  amountByLevel: z.object({ deep: fen.optional(), relative: fen.optional(), accidental: fen.optional() }).partial().default({}),
  note: z.string().trim().max(200, '不能超过200个字').optional(),
});
export type CampaignRule = z.infer<typeof ruleSchema>;

export const levelLabels: Record<string, string> = { deep: '深度困难', relative: '相对困难', accidental: '意外致困' };

/** The amount one recipient gets: the level's amount when the rule sets one, else the standard. */
export function amountFor(rule: CampaignRule, standardFen: number, level?: string | null): number {
  const byLevel = level ? (rule.amountByLevel as Record<string, number | undefined>)[level] : undefined;
  return byLevel ?? standardFen;
}

/** Parses a stored rule, tolerating older or partial documents. */
export function parseRule(value: unknown): CampaignRule {
  const parsed = ruleSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : ruleSchema.parse({});
}

/** 123456 fen → '1234.56' */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
