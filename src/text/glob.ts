/**
 * Whether `parts` occur in `text` in this order, each starting at most `maxGap` characters after
 * the previous one ends: an owner's block word "代开*发票" matches "代开增值税发票". Owner text never
 * becomes a regular expression (a*a*a*a*b would backtrack for minutes); this walks each part's
 * occurrences once with indexOf, in O(parts × text length) whatever the words are.
 */
export function partsInOrder(text: string, parts: readonly string[], maxGap: number): boolean {
  let ends: number[] | undefined; // where matches of the parts so far end, ascending
  for (const part of parts) {
    if (!part) continue;
    const next: number[] = [];
    let k = 0;
    for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      if (ends) {
        while (k < ends.length && ends[k]! < at - maxGap) k++;
        if (k === ends.length) break; // nothing ends close enough to this start, nor to any later one
        if (ends[k]! > at) continue; // the nearest end overlaps this start; a later start may fit
      }
      next.push(at + part.length);
    }
    if (!next.length) return false;
    ends = next;
  }
  return ends !== undefined;
}
