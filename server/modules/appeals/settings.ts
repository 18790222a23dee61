import { z } from 'zod';
import type { Db, Tx } from '../../platform/db.js';
import { getSetting, putSetting } from '../../platform/settings.js';

const days = z.number().int('应为整数').min(1, '至少1个工作日').max(120, '不能超过120个工作日');

/**
 * The desk's rules, county-wide (setting 'appeals'): time limits in working days per tier,
 * how early a ticket counts as 即将到期, and the early-warning thresholds.
 */
export const appealSettingsSchema = z.object({
  ackDays: days,
  limitOrdinary: days,
  limitHard: days,
  limitComplex: days,
  warnDays: z.number().int('应为整数').min(0, '不能为负数').max(30, '不能超过30个工作日'),
  groupWorkers: z.number().int('应为整数').min(2, '至少2人').max(100000),
  /** wage arrears at or above this amount raise a warning, in fen */
  arrearsFen: z.number().int('应为整数').min(100, '至少1元').max(100_000_000_000),
  repeatCount: z.number().int('应为整数').min(2, '至少2件').max(100),
  repeatDays: z.number().int('应为整数').min(1, '至少1天').max(365, '不能超过365天'),
});
export type AppealSettings = z.infer<typeof appealSettingsSchema>;

export const defaultAppealSettings: AppealSettings = {
  ackDays: 1,
  limitOrdinary: 5,
  limitHard: 10,
  limitComplex: 20,
  warnDays: 2,
  groupWorkers: 10,
  arrearsFen: 100_000 * 100, // 10万元
  repeatCount: 3,
  repeatDays: 30,
};

export const SETTING_KEY = 'appeals';

export function getAppealSettings(db: Db | Tx): Promise<AppealSettings> {
  return getSetting(db, SETTING_KEY, defaultAppealSettings);
}

export function putAppealSettings(db: Db | Tx, value: AppealSettings, userId: number | null) {
  return putSetting(db, SETTING_KEY, value, userId);
}

/** The close limit of a tier, in working days. */
export function tierLimit(s: AppealSettings, tier: string): number {
  if (tier === 'hard') return s.limitHard;
  if (tier === 'complex') return s.limitComplex;
  return s.limitOrdinary;
}
