// Cross-validation folds that keep near-duplicates together. The labeled data's holdout was split
// by a key that ignores punctuation, symbols, digits and spacing (see ../shared/data/README.md), so
// templated spam differing only in a phone number never straddles it; folds by position would let
// such twins sit on both sides and flatter the figures. These folds use the same kind of key.
import { fnv1a } from '../text/fnv.js';

/** The text with punctuation, symbols, separators, control characters and digits removed, runs of x collapsed. */
export function splitKey(text: string): string {
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Z}\p{C}\p{N}]+/gu, '')
    .replace(/x+/g, 'x');
  return key || text;
}

/** Which of `folds` folds a text belongs to: the same for every text sharing a split key. */
export function foldOf(text: string, folds: number): number {
  return fnv1a(splitKey(text)) % folds;
}
