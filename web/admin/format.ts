// Dates as a Chinese government office reads them, always in Asia/Shanghai whatever the
// machine's zone: 2026-11-24 17:05.

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

function parts(value: string | number | Date): Record<string, string> | null {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return Object.fromEntries(dateTime.formatToParts(d).map((p) => [p.type, p.value]));
}

export function formatDateTime(value: string | number | Date | null | undefined, withSeconds = false): string {
  if (value === null || value === undefined || value === '') return '';
  const p = parts(value);
  if (!p) return String(value);
  const hour = p.hour === '24' ? '00' : p.hour;
  return `${p.year}-${p.month}-${p.day} ${hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  // a business date arrives as 'YYYY-MM-DD' already
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : String(value);
}

export const formatNumber = (n: number | null | undefined) => (n === null || n === undefined ? '' : n.toLocaleString('zh-CN'));
