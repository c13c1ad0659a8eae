/**
 * Cross-validation sweep over the matcher's internal knobs (inside the training
 * file only). Usage: tsx scripts/tune-matching.ts FILE SHOTS|all K '<json variants>'
 * where each variant is a partial tuning object merged over the defaults.
 */
import { DEFAULT_TUNING, type Tuning } from '../src/domain/matching/matcher';
import { crossValidate, readRows, summarize } from './matching-eval-lib';

const [file = 'data/banking77/train.csv', shotsArg = '10', kArg = '5', variantsArg = '[{}]'] = process.argv.slice(2);
const rows = readRows(file);
const shots = shotsArg === 'all' ? undefined : Number(shotsArg);
for (const v of JSON.parse(variantsArg) as Partial<Tuning>[]) {
  const tuning: Tuning = { ...DEFAULT_TUNING, ...v, blocks: { ...DEFAULT_TUNING.blocks, ...v.blocks } };
  const s = summarize(crossValidate(rows, Number(kArg), { shots, tuning }));
  console.log(JSON.stringify(v), s.top1, s.top3, s.coverageAtPrecision95, s.msPerTicket, s.buildMs);
}
