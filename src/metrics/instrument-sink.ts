import type { RecordSink } from '../pipeline/emit/record-sink.js';
import type { SitrepMetrics } from './sitrep-metrics.js';

/** The same sink, counting records written (and failures) as sitrep_records_emitted_total{sink,outcome}. */
export function instrumentSink(sink: RecordSink, metrics: SitrepMetrics): RecordSink {
  return {
    name: sink.name,
    async write(record) {
      try {
        await sink.write(record);
        metrics.recordsEmitted.inc({ sink: sink.name, outcome: 'written' });
      } catch (error) {
        metrics.recordsEmitted.inc({ sink: sink.name, outcome: 'failed' });
        throw error;
      }
    },
    ...(sink.close ? { close: () => sink.close!() } : {}),
  };
}
