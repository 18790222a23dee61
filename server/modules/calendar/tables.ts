import type { Timestamp } from '../../platform/db-types.js';

// Tables of the calendar module (server/db/migrations/0008_calendar.sql).
export interface CalendarDayTable {
  day: string;
  working: boolean;
  name: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
}

export interface CalendarTables {
  calendar_day: CalendarDayTable;
}
