/**
 * A Retry-After header value (delay-seconds or HTTP-date, RFC 9110 §10.2.3) as milliseconds from
 * `now`; undefined when absent or unparseable. A date in the past means "now": 0.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form names its month; this keeps Date.parse from reading "-5" as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
