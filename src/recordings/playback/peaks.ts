/**
 * Waveform peaks of PCM16 mono audio, computed as it streams: `buckets` values in 0..1, each the
 * largest absolute sample of its slice of the recording. Memory is the buckets, whatever the length.
 */
export async function pcmPeaks(pcm: AsyncIterable<Buffer> | Iterable<Buffer>, totalSamples: number, buckets: number): Promise<number[]> {
  const n = Math.max(1, Math.min(buckets, totalSamples || 1));
  const peaks = new Array<number>(n).fill(0);
  const perBucket = Math.max(1, totalSamples) / n;
  let index = 0;
  let odd: number | undefined;
  const take = (sample: number) => {
    const bucket = Math.min(n - 1, Math.floor(index / perBucket));
    const v = Math.abs(sample) / 32768;
    if (v > peaks[bucket]) peaks[bucket] = v;
    index++;
  };
  for await (const chunk of pcm) {
    let offset = 0;
    if (odd !== undefined && chunk.length > 0) {
      take(Buffer.from([odd, chunk[0]]).readInt16LE(0));
      odd = undefined;
      offset = 1;
    }
    for (; offset + 1 < chunk.length; offset += 2) take(chunk.readInt16LE(offset));
    if (offset < chunk.length) odd = chunk[offset];
  }
  return peaks.map((p) => Math.round(p * 1000) / 1000);
}

/**
 * The stored peaks (one byte 0–255 per PEAK_WINDOW_MS) in `buckets` slices, each the loudest of
 * its windows scaled to 0..1. Never more buckets than stored windows: finer detail than was kept
 * would be invented.
 */
export function downsamplePeaks(stored: Uint8Array, buckets: number): number[] {
  const n = Math.min(buckets, stored.length);
  const out = new Array<number>(n).fill(0);
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * stored.length) / n);
    const to = Math.floor(((b + 1) * stored.length) / n);
    let max = 0;
    for (let i = from; i < to; i++) if (stored[i] > max) max = stored[i];
    out[b] = Math.round((max / 255) * 1000) / 1000;
  }
  return out;
}
