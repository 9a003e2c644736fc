import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packRecord } from '../../src/queues/record-store.js';
import { RecordStreamFollower } from '../../src/queues/record-stream-follower.js';
import { createTestRuntime, waitFor, type TestRuntime } from '../helpers/test-runtime.js';

describe('RecordStreamFollower', () => {
  let rt: TestRuntime;
  let key: string;
  beforeEach(async () => {
    rt = await createTestRuntime();
    key = rt.queues.streamKey;
  });
  afterEach(async () => {
    await rt.cleanup();
  });

  const follow = (consumer: string, options: { claimIdleMs?: number; from?: string } = {}) => {
    const reader = rt.connection.duplicate();
    const follower = new RecordStreamFollower(rt.connection, reader, { key, group: 'g', consumer, blockMs: 200, ...options });
    const seen: string[] = [];
    const done = follower.follow((record) => {
      seen.push(JSON.parse(record).id);
    });
    return { seen, done, stop: () => follower.stop() };
  };

  it("takes over a dead consumer's unacknowledged entries once, and forgets that consumer", async () => {
    await rt.connection.xgroup('CREATE', key, 'g', '$', 'MKSTREAM');
    // As complete writes them (the stored gzip bytes), and as entries written before compression were.
    await rt.connection.xadd(key, '*', 'record', packRecord('{"id":"a"}'));
    await rt.connection.xadd(key, '*', 'record', '{"id":"b"}');
    // Read and never acknowledged: its process died, and its name (hostname-pid) never returns.
    await rt.connection.xreadgroup('GROUP', 'g', 'host-4242', 'COUNT', 10, 'STREAMS', key, '>');
    await new Promise((r) => setTimeout(r, 60));
    const f = follow('host-5151', { claimIdleMs: 50 });
    await waitFor(async () => f.seen.length >= 2, 10_000, 'claimed entries');
    await rt.connection.xadd(key, '*', 'record', '{"id":"c"}');
    await waitFor(async () => f.seen.includes('c'), 10_000, 'new entry');
    await new Promise((r) => setTimeout(r, 300));
    f.stop();
    await f.done;
    expect(f.seen).toEqual(['a', 'b', 'c']);
    expect((await rt.connection.xpending(key, 'g'))[0]).toBe(0);
    const consumers = (await rt.connection.xinfo('CONSUMERS', key, 'g')) as unknown[][];
    expect(consumers.map((c) => c[1])).toEqual(['host-5151']);
  });

  it('a live consumer keeps its entries until they have been idle for claimIdleMs', async () => {
    await rt.connection.xgroup('CREATE', key, 'g', '$', 'MKSTREAM');
    await rt.connection.xadd(key, '*', 'record', '{"id":"busy"}');
    await rt.connection.xreadgroup('GROUP', 'g', 'other', 'COUNT', 10, 'STREAMS', key, '>');
    const f = follow('me', { claimIdleMs: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    f.stop();
    await f.done;
    expect(f.seen).toEqual([]);
  });

  it('recovers when Redis lost the stream and its group (NOGROUP), reading the new stream from its start', async () => {
    const f = follow('me');
    await rt.connection.xadd(key, '*', 'record', '{"id":"before"}');
    await waitFor(async () => f.seen.includes('before'), 10_000, 'first entry');
    await rt.connection.del(key);
    await rt.connection.xadd(key, '*', 'record', '{"id":"after"}');
    await waitFor(async () => f.seen.includes('after'), 10_000, 'entry after the reset');
    f.stop();
    await f.done;
    expect(f.seen).toEqual(['before', 'after']);
  });
});
