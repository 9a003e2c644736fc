/** What `sitrep` exits with (listed in `sitrep --help` and the README). */
export const EXIT_CODES = {
  /** Done; for `run`: every input became a record. */
  ok: 0,
  /** An error, printed as one line `sitrep: SITREP_ERR_…: message` (Redis unavailable, unreadable file…). */
  error: 1,
  /** A bad command line: unknown command or option, a malformed number. */
  usage: 2,
  /** `run`: some inputs were dead-lettered (with --strict: some unit, references included). */
  deadLetters: 3,
  /** `run`: not one record. */
  noRecord: 4,
  /** `run`: --timeout passed first; the rest stays queued. */
  timeout: 5,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  done (run: every input became a record)
  1  error, printed as one line: sitrep: SITREP_ERR_<CODE>: message
  2  bad command line (unknown option, malformed number)
  3  run: some inputs were dead-lettered (--strict: any unit, references included)
  4  run: not one record
  5  run: --timeout passed before every unit finished`;
