/**
 * The tagger's file format: gzip of [magic, header length (uint32 LE), header JSON, bucket indices
 * (uint32 LE, ascending), weights (int8 or int16 LE, one row of C per bucket)]. Only buckets with a
 * weight above the pruning threshold are stored; weights are quantized with one scale.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { SequenceTagger, type TagScheme } from './sequence-tagger.js';

const MAGIC = 'sitrep-ner-1\n';

export interface ModelHeader {
  scheme: TagScheme;
  bucketBits: number;
  /** See TaggerShape.decoder (absent in files written before it existed: greedy). */
  decoder?: 'greedy' | 'viterbi';
  labels: string[];
  /** Weight = stored integer × scale. */
  scale: number;
  bits: 8 | 16;
  rows: number;
  /** Where the weights come from (corpora, licences, training settings). */
  about: Record<string, unknown>;
  /** Words the training text writes in lower case (a feature, and not acronyms when shouted). */
  commonWords: string[];
  /** Words the training text writes in lower case at least twice: shouted ("FREE", "LMAO"), they are no acronyms. */
  lowerWords?: string[];
  /** Word clusters (lower-cased word → id) derived from running text. */
  clusters?: Record<string, number>;
}

export interface SaveOptions {
  /** Rows whose largest |weight| is below this are dropped. Default 0 (keep every non-zero row). */
  prune?: number;
  /** Integer width of the stored weights. Default 16. */
  bits?: 8 | 16;
  about?: Record<string, unknown>;
  /** See ModelHeader.commonWords. Default none. */
  commonWords?: string[];
  /** See ModelHeader.lowerWords. Default none. */
  lowerWords?: string[];
  /** See ModelHeader.clusters. Default none. */
  clusters?: Record<string, number>;
}

export function encodeModel(tagger: SequenceTagger, options: SaveOptions = {}): Buffer {
  const { prune = 0, bits = 16, about = {}, commonWords = [], lowerWords = [], clusters = {} } = options;
  if (tagger.rowOf) throw new Error('encode a trained (dense) tagger, not a loaded one');
  const C = tagger.C;
  const W = tagger.weights;
  const buckets: number[] = [];
  let maxAbs = 0;
  for (let b = 0; b * C < W.length; b++) {
    let rowMax = 0;
    for (let c = 0; c < C; c++) rowMax = Math.max(rowMax, Math.abs(W[b * C + c]));
    if (rowMax > prune && rowMax > 0) {
      buckets.push(b);
      maxAbs = Math.max(maxAbs, rowMax);
    }
  }
  const top = bits === 8 ? 127 : 32767;
  const scale = maxAbs / top || 1;
  const header: ModelHeader = { scheme: tagger.shape.scheme, bucketBits: tagger.shape.bucketBits, decoder: tagger.shape.decoder ?? 'greedy', labels: tagger.labels, scale, bits, rows: buckets.length, about, commonWords, lowerWords, clusters };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const index = Buffer.alloc(buckets.length * 4);
  buckets.forEach((b, i) => index.writeUInt32LE(b, i * 4));
  const values = Buffer.alloc(buckets.length * C * (bits / 8));
  let k = 0;
  for (const b of buckets) {
    for (let c = 0; c < C; c++) {
      const q = Math.round(W[b * C + c] / scale);
      if (bits === 8) values.writeInt8(q, k++);
      else {
        values.writeInt16LE(q, k);
        k += 2;
      }
    }
  }
  const len = Buffer.alloc(4);
  len.writeUInt32LE(headerBytes.length, 0);
  return gzipSync(Buffer.concat([Buffer.from(MAGIC, 'utf8'), len, headerBytes, index, values]), { level: 9 });
}

export function decodeModel(file: Buffer): { tagger: SequenceTagger; header: ModelHeader } {
  const raw = gunzipSync(file);
  if (raw.toString('utf8', 0, MAGIC.length) !== MAGIC) throw new Error('not a sitrep NER model file');
  let at = MAGIC.length;
  const headerLength = raw.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(raw.toString('utf8', at, at + headerLength)) as ModelHeader;
  at += headerLength;
  const C = header.labels.length;
  // Compact in memory: a bucket index plus the stored rows only (a few MB instead of 2^bits × C floats).
  // Typed views over aligned copies: a per-value Buffer read is several times slower on a cold start.
  const aligned = (from: number, bytes: number): ArrayBuffer => raw.buffer.slice(raw.byteOffset + from, raw.byteOffset + from + bytes);
  const index = new Uint32Array(aligned(at, header.rows * 4));
  const count = header.rows * C;
  const values = header.bits === 8 ? new Int8Array(aligned(at + header.rows * 4, count)) : new Int16Array(aligned(at + header.rows * 4, count * 2));
  const rowOf = new Int32Array(2 ** header.bucketBits).fill(-1);
  for (let r = 0; r < header.rows; r++) rowOf[index[r]] = r * C;
  const W = new Float32Array(count);
  for (let k = 0; k < count; k++) W[k] = values[k] * header.scale;
  const tagger = new SequenceTagger({ scheme: header.scheme, bucketBits: header.bucketBits, decoder: header.decoder ?? 'greedy' }, W, rowOf);
  if (tagger.C !== C || tagger.labels.some((l, i) => l !== header.labels[i])) throw new Error('NER model labels do not match the tagger');
  return { tagger, header };
}
