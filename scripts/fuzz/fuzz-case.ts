import { isErrorCode } from '../../src/errors/error-codes.js';
import { SitrepError } from '../../src/errors/sitrep-error.js';
import { FAMILIES, loadPages, mutatedPage, type Family } from './families.js';
import { createRandom } from './random.js';
import { TARGETS } from './targets.js';

export interface FuzzCase {
  target: string;
  family: string;
  seed: number;
  size: number;
  /** Where the real pages are (the mutated-page family). */
  corpus: string;
  /** Collect the heap before the call is timed (where the process runs with --expose-gc). */
  collectFirst?: boolean;
}

export interface FuzzOutcome {
  /** ok; coded: a SitrepError with a registered code (a clear refusal); bad: anything else thrown. */
  outcome: 'ok' | 'coded' | 'bad';
  /** Wall-clock time of the call. */
  ms: number;
  /**
   * CPU time of the whole process during the call (user + system, GC threads included). With one
   * fuzz thread it is the call's own cost, whatever else the machine runs.
   */
  cpuMs: number;
  length: number;
  code?: string;
  message?: string;
}

let corpus: { dir: string; family: Family | null } | null = null;

function familyOf(name: string, dir: string): Family {
  if (name !== 'mutated-page') return FAMILIES[name];
  if (corpus?.dir !== dir) {
    const { pages } = loadPages(dir);
    corpus = { dir, family: pages.length ? mutatedPage(pages) : null };
  }
  if (!corpus.family) throw new Error(`no real pages in ${dir}`);
  return corpus.family;
}

/** The input of a case: the same (family, seed, size) always gives the same string. */
export function fuzzInput(c: FuzzCase): string {
  return familyOf(c.family, c.corpus)(createRandom(c.seed), c.size, TARGETS[c.target].format);
}

/** Runs one case and times only the call itself. */
export function runFuzzCase(c: FuzzCase): FuzzOutcome {
  const input = fuzzInput(c);
  // The garbage of earlier calls and of making this input is collected before the clock starts: otherwise a
  // call pays, by chance, for collections it did not cause. Collections of its own garbage still count.
  // A plain gc() also drops compiled code (it reduces memory) and made every call slower: a major collection only.
  if (c.collectFirst) (globalThis as { gc?: (options: { type: string }) => void }).gc?.({ type: 'major' });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const took = () => {
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, length: input.length };
  };
  try {
    TARGETS[c.target].run(input);
    return { outcome: 'ok', ...took() };
  } catch (error) {
    const time = took();
    if (error instanceof SitrepError && isErrorCode(error.code)) return { outcome: 'coded', ...time, code: error.code };
    const e = error as Error;
    return { outcome: 'bad', ...time, message: `${e?.name}: ${e?.message} ${(e?.stack ?? '').split('\n')[1]?.trim() ?? ''}`.slice(0, 300) };
  }
}

/** The fuzz threads' entry point (piscina). */
export default runFuzzCase;
