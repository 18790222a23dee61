import { describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES, checkPhoto, photoName, inQuarter, quarterOf, sniffImageType, yuan } from './rules.js';

describe('quarterOf', () => {
  it('puts each quarter\'s first and last day in that quarter', () => {
    expect(quarterOf('2026-01-01')).toEqual({ year: 2026, quarter: 1, start: '2026-01-01', end: '2026-03-31', label: '2026年第1季度' });
    expect(quarterOf('2026-03-31').quarter).toBe(1);
    expect(quarterOf('2026-04-01')).toMatchObject({ quarter: 2, start: '2026-04-01', end: '2026-06-30' });
    expect(quarterOf('2026-06-30').quarter).toBe(2);
    expect(quarterOf('2026-07-01')).toMatchObject({ quarter: 3, start: '2026-07-01', end: '2026-09-30' });
    expect(quarterOf('2026-09-30').quarter).toBe(3);
    expect(quarterOf('2026-10-01')).toMatchObject({ quarter: 4, start: '2026-10-01', end: '2026-12-31' });
    expect(quarterOf('2026-12-31')).toMatchObject({ year: 2026, quarter: 4, label: '2026年第4季度' });
  });

  it('handles leap years only through the calendar, not through the quarter', () => {
    expect(quarterOf('2028-02-29')).toMatchObject({ quarter: 1, end: '2028-03-31' });
  });

  it('the day before a quarter belongs to the previous one', () => {
    const q = quarterOf('2026-10-01');
    expect(inQuarter('2026-09-30', q)).toBe(false);
    expect(inQuarter('2026-10-01', q)).toBe(true);
    expect(inQuarter('2026-12-31', q)).toBe(true);
    expect(inQuarter('2027-01-01', q)).toBe(false);
  });

  it('refuses what is not a date', () => {
    expect(() => quarterOf('2026-13-01')).toThrow();
    expect(() => quarterOf('20261001')).toThrow();
  });
});

describe('photos', () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  it('knows images by their bytes', () => {
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
  });

  it('refuses empty, too large and non-image files with a reason', () => {
    expect(checkPhoto(png)).toEqual({ ok: true, type: 'image/png' });
    expect(checkPhoto(new Uint8Array(0))).toEqual({ ok: false, message: '文件为空' });
    const big = new Uint8Array(PHOTO_MAX_BYTES + 1);
    big.set(png);
    expect(checkPhoto(big)).toEqual({ ok: false, message: '不能超过5MB' });
    expect(checkPhoto(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ ok: false, message: expect.stringContaining('只能上传') });
  });
});

describe('photoName', () => {
  it('keeps the user\'s name with the extension the bytes call for', () => {
    expect(photoName('入户走访.PNG', 'image/png')).toBe('入户走访.png');
    expect(photoName('IMG_0001.jpeg', 'image/jpeg')).toBe('IMG_0001.jpg');
    expect(photoName('看望/../张*明.png', 'image/png')).toBe('看望..张明.png');
    expect(photoName(undefined, 'image/jpeg')).toBe('走访照片.jpg');
    expect(photoName('.png', 'image/png')).toBe('走访照片.png');
  });
});

describe('yuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(yuan(0)).toBe('0.00');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(123456)).toBe('1,234.56');
    expect(yuan(null)).toBe('');
  });
});
