// Pure rules of 结对帮扶: the calendar quarter that "visited this quarter" counts in, and what
// a visit photo may be. No database here, so both are unit-tested beside this file.

export interface Quarter {
  year: number;
  /** 1–4 */
  quarter: number;
  /** first day, YYYY-MM-DD */
  start: string;
  /** last day, YYYY-MM-DD */
  end: string;
  /** 2026年第4季度 */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar quarter of a business date (a Shanghai date from clock.today(), so no time zone
 * enters here): Q1 Jan–Mar, Q2 Apr–Jun, Q3 Jul–Sep, Q4 Oct–Dec.
 */
export function quarterOf(isoDate: string): Quarter {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`not a date: ${isoDate}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`not a date: ${isoDate}`);
  const quarter = Math.floor((month - 1) / 3) + 1;
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    year, quarter,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
    label: `${year}年第${quarter}季度`,
  };
}

/** Is the date inside the quarter (bounds included)? ISO dates compare as text. */
export const inQuarter = (isoDate: string, q: Pick<Quarter, 'start' | 'end'>) => isoDate >= q.start && isoDate <= q.end;

/** A visit photo: at most 5 MB, and really an image (the bytes, not the name, decide). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

// JPG and PNG: what every phone camera writes, and what the platform file store accepts
export type PhotoType = 'image/png' | 'image/jpeg';

/** The image type the file's first bytes announce, or null for anything else. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; message: string };

/** Why a photo is refused, in the words the user reads (the caller names the field). */
export function checkPhoto(bytes: Uint8Array): PhotoCheck {
  if (bytes.length === 0) return { ok: false, message: '文件为空' };
  if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: `不能超过${PHOTO_MAX_BYTES / 1024 / 1024}MB` };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, message: '只能上传 JPG 或 PNG 格式的图片' };
  return { ok: true, type };
}

/** The name the file store keeps: the user's name, with the extension its bytes call for. */
export function photoName(original: string | undefined, type: PhotoType): string {
  const ext = type === 'image/png' ? 'png' : 'jpg';
  // eslint-disable-next-line no-control-regex
  const base = (original ?? '').normalize('NFC').replace(/[\\/\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').replace(/^\.+/, '').trim().slice(0, 100) || '走访照片';
  return `${stem}.${ext}`;
}

/** 分 → '1,234.50' as the console and the exports show money. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
