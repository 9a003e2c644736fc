import { InvalidArgumentError } from 'commander';

/** A commander option parser for integers in [min, max]: `--limit abc` or `--limit -1` is a usage error, not a silent default. */
export function integerOption(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    const n = /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}.` : `expected an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

/** Seconds, fractions allowed, greater than zero. */
export function secondsOption(value: string): number {
  const n = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(n > 0)) throw new InvalidArgumentError('expected a number of seconds greater than 0.');
  return n;
}

/** Where a new consumer group starts reading a stream: '$' (new entries), '0' (all) or an entry id. */
export function streamIdOption(value: string): string {
  if (value === '$' || /^\d+(-\d+)?$/.test(value)) return value;
  throw new InvalidArgumentError("expected '$' (new records only), '0' (the whole stream) or a stream entry id such as 1712345678901-0.");
}
