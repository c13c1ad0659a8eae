import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Contract, summarise, type Coverage, type CoverageTally } from '../contract/check';

/** Each browser test file leaves what its API calls covered of the contract here; the run sums it up. */
const DIR = fileURLToPath(new URL('../../.cache/contract-coverage', import.meta.url));

export function clearCoverage() {
  rmSync(DIR, { recursive: true, force: true });
}

export function saveCoverage(coverage: CoverageTally) {
  mkdirSync(DIR, { recursive: true });
  writeFileSync(`${DIR}/${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`, JSON.stringify(coverage));
}

/** The one line over every file that ran, or null when none left anything. */
export function coverageLine(): string | null {
  let files: string[];
  try {
    files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return null;
  }
  const parts = files.map((f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Coverage);
  return parts.length ? summarise(parts, new Contract().operations.length) : null;
}
