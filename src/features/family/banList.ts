// A published ban list as a file (the CAS export, export.csv): one account a line, its numeric id
// in the first column. Read from disk only: nothing is looked up over the network.

/** The ids in the list, and how many lines were not one (a header, a blank line, a stray row). */
export function banListIds(text: string): { ids: string[]; skipped: number } {
  const ids = new Set<string>();
  let skipped = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const first = line.split(',')[0]!.trim().replace(/^"|"$/g, '');
    if (/^\d{1,20}$/.test(first)) ids.add(first);
    else skipped++;
  }
  return { ids: [...ids], skipped };
}
