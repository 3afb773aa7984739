// Cross-validation folds that keep near-duplicates together. The labeled data's holdout was split
// by a key that ignores punctuation, symbols, digits and spacing (see ../shared/data/README.md), so
// templated spam differing only in a phone number never straddles it; folds by position would let
// such twins sit on both sides and flatter the figures. These folds use the same kind of key.

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
  const key = splitKey(text);
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}
