import type { Dayjs } from 'dayjs';

export type DateRange = [Dayjs | null, Dayjs | null] | null | undefined;

/** A RangePicker's value as the logs' ?from&to (business dates, YYYY-MM-DD). */
export const rangeToQuery = (range: DateRange) => ({
  from: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
  to: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
});
