/**
 * Backpressure between the network and the CPU pool: at most `limit` page bodies are held at once
 * (being read, or read and waiting for a thread to parse them). A fetch asks for its place when its
 * headers are in and before it reads the body, so fetches waiting on slow sites hold no place and
 * fetch concurrency is not capped; when the thread falls behind, new bodies wait unread instead of
 * piling up in memory.
 */
export class PageBacklog {
  private heldCount = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`page backlog limit must be a positive integer, got ${limit}`);
  }

  /** Bodies held now. */
  get held(): number {
    return this.heldCount;
  }

  /** Bodies waiting for a place. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with the place's release (idempotent) once fewer than `limit` bodies are held; first come, first served. */
  async hold(): Promise<() => void> {
    if (this.heldCount < this.limit && this.queue.length === 0) this.heldCount++;
    // A release hands its place straight to the next in line, so the count never drops below it in between.
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.heldCount--;
    };
  }
}
