/** Samples per block: one second at 16 kHz, a whole number of 20 ms VAD frames (a frame never spans two blocks). */
export const BLOCK_SAMPLES = 16_000;
/** Free blocks kept for reuse across all sessions of the process (64 KiB each: 64 MiB at most). */
const POOL_MAX = 1_024;
const pool: Float32Array[] = [];

const takeBlock = (): Float32Array => pool.pop() ?? new Float32Array(BLOCK_SAMPLES);
const releaseBlock = (block: Float32Array): void => {
  if (pool.length < POOL_MAX) pool.push(block);
};

/**
 * Append-only sample store addressed by absolute stream index, trimmed from the front as audio is
 * no longer needed. Kept as a list of fixed one-second blocks from a pool shared by every session
 * of the process: a growing window never copies what it holds, and the blocks a closed window
 * frees serve the next one instead of becoming garbage (growing one contiguous array per session
 * was 4 % of the gateway's CPU at 200 streams, plus the GC it caused).
 */
export class SampleBuffer {
  private readonly blocks: Float32Array[] = [];
  /** Absolute index of blocks[0][0]: a multiple of BLOCK_SAMPLES. */
  private base = 0;
  private first = 0;
  private last = 0;
  private scratch = new Float32Array(0);

  /** Absolute index of the first kept sample. */
  get start(): number {
    return this.first;
  }

  /** Absolute index one past the last sample appended. */
  get end(): number {
    return this.last;
  }

  append(chunk: Float32Array): void {
    let k = 0;
    while (k < chunk.length) {
      const at = this.last - this.base;
      const b = Math.floor(at / BLOCK_SAMPLES);
      if (b === this.blocks.length) this.blocks.push(takeBlock());
      const offset = at - b * BLOCK_SAMPLES;
      const n = Math.min(BLOCK_SAMPLES - offset, chunk.length - k);
      this.blocks[b].set(chunk.subarray(k, k + n), offset);
      this.last += n;
      k += n;
    }
  }

  /** The samples [from, to): within one block a view, else a copy into a scratch array; valid until the next call. */
  view(from: number, to: number): Float32Array {
    this.check(from, to);
    if (from === to) return this.scratch.subarray(0, 0);
    const b = Math.floor((from - this.base) / BLOCK_SAMPLES);
    const offset = from - this.base - b * BLOCK_SAMPLES;
    if (offset + (to - from) <= BLOCK_SAMPLES) return this.blocks[b].subarray(offset, offset + (to - from));
    if (this.scratch.length < to - from) this.scratch = new Float32Array(to - from);
    const out = this.scratch.subarray(0, to - from);
    this.copyInto(from, to, out);
    return out;
  }

  copy(from: number, to: number): Float32Array {
    this.check(from, to);
    const out = new Float32Array(to - from);
    this.copyInto(from, to, out);
    return out;
  }

  /** Σ x² over [from, to), without copying. */
  sumSquares(from: number, to: number): number {
    this.check(from, to);
    let sum = 0;
    this.each(from, to, (block, a, b) => {
      for (let i = a; i < b; i++) sum += block[i] * block[i];
    });
    return sum;
  }

  /** Forget everything before `from`; whole blocks before it go back to the pool. */
  trim(from: number): void {
    this.first = Math.max(this.first, Math.min(from, this.last));
    while (this.blocks.length > 0 && this.base + BLOCK_SAMPLES <= this.first) {
      releaseBlock(this.blocks.shift()!);
      this.base += BLOCK_SAMPLES;
    }
  }

  private copyInto(from: number, to: number, out: Float32Array): void {
    let k = 0;
    this.each(from, to, (block, a, b) => {
      out.set(block.subarray(a, b), k);
      k += b - a;
    });
  }

  /** Calls fn for each block's part [a, b) of the absolute range [from, to), in order. */
  private each(from: number, to: number, fn: (block: Float32Array, a: number, b: number) => void): void {
    let at = from - this.base;
    const stop = to - this.base;
    while (at < stop) {
      const b = Math.floor(at / BLOCK_SAMPLES);
      const offset = at - b * BLOCK_SAMPLES;
      const n = Math.min(BLOCK_SAMPLES - offset, stop - at);
      fn(this.blocks[b], offset, offset + n);
      at += n;
    }
  }

  private check(from: number, to: number): void {
    if (from < this.first || to > this.last || from > to) {
      throw new RangeError(`Samples ${from}–${to} are outside the buffer (${this.first}–${this.last})`);
    }
  }
}
