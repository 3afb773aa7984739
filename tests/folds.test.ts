import { describe, expect, it } from 'vitest';
import { foldOf, splitKey } from '../src/eval/folds.js';

describe('cross-validation folds', () => {
  it('keep templated twins together: texts that differ only in digits, punctuation or spacing share a fold', () => {
    expect(splitKey('加微信 abc-123，领取资料！')).toBe('加微信abc领取资料');
    expect(splitKey('xxxxxxxxxxx 找王经理')).toBe('x找王经理');
    expect(foldOf('FTA676 上分找我 13800138000', 5)).toBe(foldOf('FTA677 上分找我：13912345678', 5));
    expect(splitKey('。。。')).toBe('。。。'); // nothing left: the text itself
  });

  it('spread texts over all folds', () => {
    const folds = new Set(Array.from({ length: 200 }, (_, i) => foldOf(`第${'一二三四五六七八九十'[i % 10]}个${'甲乙丙丁戊己庚辛壬癸'[Math.floor(i / 10) % 10]}${i >= 100 ? '号' : '天'}`, 5)));
    expect([...folds].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
