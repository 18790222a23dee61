import { WorkingCalendar, type DayInfo } from '../../../lib/working-days.js';
import type { Db, Tx } from '../../platform/db.js';
import { audit, type Actor } from '../../platform/audit.js';
import { clock } from '../../platform/clock.js';

// The shared working-day calendar. Every module that counts working days (公示 periods,
// ticket time limits, legal-aid review days) asks `workingCalendar(db)` and never reads the
// table itself. The overrides are few (tens a year), so the whole set is cached per database
// and dropped on every change made through this service.
const cache = new WeakMap<object, Promise<WorkingCalendar>>();

export function workingCalendar(db: Db | Tx): Promise<WorkingCalendar> {
  let hit = cache.get(db);
  if (!hit) {
    hit = db.selectFrom('calendar_day').select(['day', 'working', 'name']).execute()
      .then((rows) => new WorkingCalendar(rows.map((r) => ({ date: r.day, working: r.working, name: r.name }))));
    hit.catch(() => cache.delete(db));
    cache.set(db, hit);
  }
  return hit;
}

/** The date `n` working days after `from` (default: today in Shanghai, by the product clock). */
export async function workingDaysFrom(db: Db | Tx, n: number, from: string = clock.today()): Promise<string> {
  return (await workingCalendar(db)).addWorkingDays(from, n);
}

export async function yearCalendar(db: Db, year: number): Promise<DayInfo[]> {
  return (await workingCalendar(db)).specialDays(year);
}

/** Sets one day's exception (working or not, with a name), or clears it with `null`. */
export async function setCalendarDay(
  db: Db, actor: Actor, date: string, value: { working: boolean; name: string | null } | null,
): Promise<DayInfo> {
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('calendar_day').select(['working', 'name']).where('day', '=', date).executeTakeFirst();
    if (value) {
      await tx.insertInto('calendar_day')
        .values({ day: date, working: value.working, name: value.name, updated_by: actor.id })
        .onConflict((oc) => oc.column('day').doUpdateSet({ working: value.working, name: value.name, updated_by: actor.id, updated_at: new Date() }))
        .execute();
    } else {
      await tx.deleteFrom('calendar_day').where('day', '=', date).execute();
    }
    await audit(tx, actor, {
      action: value ? 'calendar.set' : 'calendar.clear',
      entity: 'calendar_day',
      entityId: date,
      summary: value ? `${date} 设为${value.working ? '工作日' : '休息日'}${value.name ? `（${value.name}）` : ''}` : `${date} 恢复默认`,
      before: before ?? null,
      after: value ?? null,
    });
  });
  // cleared after the commit, so no reader caches the old set past this point
  cache.delete(db);
  return (await workingCalendar(db)).day(date);
}
