/**
 * Writes one cross-validation fold of a `text,category` CSV as two files, so the
 * matcher can be evaluated with --train/--test on data it was not tuned on.
 * Usage: tsx scripts/split-matching-csv.ts FILE K FOLD OUT_DIR [SEED]
 * Training rows keep their file order (answers use the first N per category).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kFolds, readRows, type Row } from './matching-eval-lib';

const [file, k = '5', fold = '0', outDir, seed = '1'] = process.argv.slice(2);
if (!file || !outDir) {
  console.error('usage: split-matching-csv FILE K FOLD OUT_DIR [SEED]');
  process.exit(2);
}
const rows = readRows(file);
const held = new Set(kFolds(rows.length, Number(k), Number(seed))[Number(fold)]);
const quote = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const toCsv = (rs: Row[]): string => ['text,category', ...rs.map((r) => `${quote(r.text)},${quote(r.category)}`)].join('\n') + '\n';
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'train.csv'), toCsv(rows.filter((_, i) => !held.has(i))));
writeFileSync(join(outDir, 'test.csv'), toCsv(rows.filter((_, i) => held.has(i))));
console.log(`wrote ${rows.length - held.size} training and ${held.size} test rows to ${outDir}`);
