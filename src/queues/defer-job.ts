/**
 * Thrown by a stage handler that cannot run its job yet (the host is at its politeness limit):
 * the queue worker moves the job to the delayed set for `delayMs` without spending an attempt
 * (BullMQ moveToDelayed + DelayedError), and the worker's slot goes to another job meanwhile.
 */
export class DeferJob extends Error {
  override readonly name = 'DeferJob';

  constructor(
    readonly delayMs: number,
    reason: string,
  ) {
    super(reason);
  }
}
