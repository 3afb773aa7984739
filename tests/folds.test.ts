import { recallAtPrecision } from '../src/features/adfilter/evaluate.js';
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

describe('recall at a precision', () => {
  it('is the best recall of any threshold whose precision is high enough', () => {
    const rows = ['spam', 'spam', 'ham', 'spam', 'ham', 'spam'].map((label) => ({ text: '', label }));
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    expect(recallAtPrecision(rows, scores, 1)).toBe(0.5); // the top two
    expect(recallAtPrecision(rows, scores, 0.75)).toBe(0.75); // three of four above 0.6
    expect(recallAtPrecision(rows, scores, 0.6)).toBe(1);
    // Tied scores are one threshold: no recall can be had between them.
    expect(recallAtPrecision(rows, [0.9, 0.9, 0.9, 0.1, 0.1, 0.1], 0.7)).toBe(0);
  });
});
