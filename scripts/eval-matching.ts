/**
 * Evaluate the answer matcher on a labelled `text,category` CSV.
 *
 *   eval:matching -- --train FILE --test FILE [--shots N]
 *   eval:matching -- --train FILE --cv K [--shots N] [--seed S]
 *
 * Each category becomes one approved answer built from its first N training rows.
 * The last line printed is a JSON summary.
 */
import { parseArgs } from 'node:util';
import { crossValidate, readRows, runOnce, summarize } from './matching-eval-lib';

const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    shots: { type: 'string' },
    cv: { type: 'string' },
    seed: { type: 'string' },
  },
});

if (!values.train || (!values.test && !values.cv)) {
  console.error('usage: eval-matching --train FILE (--test FILE | --cv K) [--shots N] [--seed S]');
  process.exit(2);
}

const train = readRows(values.train);
const shots = values.shots ? Number(values.shots) : undefined;
const results = values.cv
  ? crossValidate(train, Number(values.cv), { shots }, values.seed ? Number(values.seed) : 1)
  : [runOnce(train, readRows(values.test!), { shots })];

const summary = summarize(results);
const mode = values.cv ? { cv: Number(values.cv) } : {};
console.log(JSON.stringify({ ...mode, shots: shots ?? 'all', ...summary }));
