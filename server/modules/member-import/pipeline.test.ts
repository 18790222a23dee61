import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { headerTextOf, maskedRaw, Stopwatch, throttledProgress } from './pipeline.js';

describe('maskedRaw', () => {
  it('masks the ID and phone columns, and numbers that look like them anywhere else', () => {
    const texts = ['1', '张三', '370523199001011235', '13812345678', '备注：原号码370523850312121', '91370523MA3C0000XX', ''];
    expect(maskedRaw(texts, 7, { id: 3, phone: 4 })).toEqual(['1', '张三', '3705**********1235', '138****5678', '备注：原号码3705*******2121', '91370523MA3C0000XX']);
    expect(maskedRaw(['12370523004123456X'], 1, { keep: 1 })).toEqual(['12370523004123456X']);
    expect(maskedRaw(['a', '', ''], 5, {})).toEqual(['a']);
  });
});

describe('headerTextOf', () => {
  it('names a column as its header, without markers and notes', () => {
    const headers = [{ column: 1, text: '*姓名', field: 'name' }, { column: 2, text: '身份证号码（18位）', field: 'idNumber' }, { column: 3, text: '其中：女职工', field: 'womenCount' }];
    expect(headerTextOf(headers, { name: 1, idNumber: 2, womenCount: 3 })).toEqual({ name: '姓名', idNumber: '身份证号码', womenCount: '女职工' });
  });
});

describe('throttledProgress', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['performance'] }); });
  afterEach(() => { vi.useRealTimers(); });
  it('writes at most one update per interval, and the last on flush', async () => {
    const update = vi.fn(async () => undefined);
    const p = throttledProgress({ update }, 250);
    for (let i = 1; i <= 10; i++) p.report(i, 10);
    vi.advanceTimersByTime(300);
    p.report(11, 20);
    p.report(12, 20);
    await p.flush();
    expect(update.mock.calls).toEqual([[1, 10], [11, 20], [12, 20]]);
  });

  it('never lets a failed update reach the work', async () => {
    const p = throttledProgress({ update: async () => { throw new Error('db down'); } });
    p.report(1);
    await expect(p.flush()).resolves.toBeUndefined();
  });
});

describe('Stopwatch', () => {
  it('sums time per stage', async () => {
    const w = new Stopwatch();
    w.add('parse', 1.4);
    w.add('parse', 1.4);
    expect(w.sync('x', () => 5)).toBe(5);
    expect(await w.time('y', async () => 6)).toBe(6);
    expect(w.toJSON().parse).toBe(3);
  });
});
