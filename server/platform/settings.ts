import { z } from 'zod';
import type { Db, Tx } from './db.js';

/** Security settings (等保): defaults here, overrides in the setting table under 'security'. */
export const securitySettingsSchema = z.object({
  idleTimeoutMinutes: z.number().int().min(5).max(120),
  absoluteTimeoutHours: z.number().int().min(1).max(24),
  lockoutThreshold: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(5).max(1440),
  passwordMaxAgeDays: z.number().int().min(30).max(365),
  // the Cybersecurity Law asks for at least six months of logs
  logRetentionDays: z.number().int().min(180).max(3650),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const defaultSecuritySettings: SecuritySettings = {
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  passwordMaxAgeDays: 90,
  logRetentionDays: 180,
};

export async function getSetting<T>(db: Db | Tx, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? ({ ...fallback, ...(row.value as object) } as T) : fallback;
}

export async function putSetting(db: Db | Tx, key: string, value: unknown, userId: number | null): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value), updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_by: userId, updated_at: new Date() }))
    .execute();
}

/** Read on every request by the guard, so cached briefly. */
export function createSecuritySettingsCache(db: Db, ttlMs = 10_000) {
  let cached: { at: number; value: SecuritySettings } | null = null;
  return {
    async get(): Promise<SecuritySettings> {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const value = await getSetting(db, 'security', defaultSecuritySettings);
      cached = { at: Date.now(), value };
      return value;
    },
    invalidate() {
      cached = null;
    },
  };
}
