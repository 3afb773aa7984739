// Makes the chart font the project ships: Noto Sans CJK SC (SIL Open Font License 1.1) cut down to
// the characters chart pictures draw (printable ASCII and the chart words of every language), so the
// pictures read right on a fresh machine at ~30 KB instead of a 20 MB font. Run it after changing
// the chart words (tests/charts.test.ts says when):
//   apt-get install fonts-noto-cjk python3-fonttools && npx tsx bench/fontSubset.ts
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartCharacters } from '../src/features/insights/charts.js';
import { packageRoot } from '../src/paths.js';

const SOURCE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const SC = 2; // the collection's simplified Chinese face
const dir = join(packageRoot, 'assets', 'fonts');
const chars = chartCharacters();
writeFileSync(join(dir, 'subset-chars.txt'), `${chars}\n`);
execFileSync('/usr/bin/python3', ['-m', 'fontTools.subset', SOURCE, `--font-number=${SC}`, `--text-file=${join(dir, 'subset-chars.txt')}`, `--output-file=${join(dir, 'NotoSansSC-chart-subset.otf')}`, '--name-IDs=*', '--layout-features=kern,liga'], { stdio: 'inherit' });
// The license travels with the font (Debian's copyright file holds the OFL's text).
const copyright = readFileSync('/usr/share/doc/fonts-noto-cjk/copyright', 'utf8');
const ofl = copyright.slice(copyright.lastIndexOf('License: SIL-1.1')).split('\n').slice(1).map((l) => l.replace(/^ /, '').replace(/^\.$/, '')).join('\n');
writeFileSync(join(dir, 'OFL.txt'), `Noto Sans CJK: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.\n${ofl.split('\nLicense: ')[0]!.trim()}\n`);
console.log(JSON.stringify({ characters: [...chars].length }));
