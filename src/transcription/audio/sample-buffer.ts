/** Append-only sample store addressed by absolute stream index, trimmed from the front as audio is no longer needed. */
export class SampleBuffer {
  private data = new Float32Array(16_000);
  /** Position of the first kept sample in `data`; trimming only moves it, appends compact. */
  private head = 0;
  private length = 0;
  private origin = 0;

  /** Absolute index of the first kept sample. */
  get start(): number {
    return this.origin;
  }

  /** Absolute index one past the last sample appended. */
  get end(): number {
    return this.origin + this.length;
  }

  append(chunk: Float32Array): void {
    if (this.head + this.length + chunk.length > this.data.length) {
      const needed = this.length + chunk.length;
      const target = needed > this.data.length / 2 ? new Float32Array(needed * 2) : this.data;
      target.set(this.data.subarray(this.head, this.head + this.length));
      this.data = target;
      this.head = 0;
    }
    this.data.set(chunk, this.head + this.length);
    this.length += chunk.length;
  }

  /** A view, valid until the next append. */
  view(from: number, to: number): Float32Array {
    if (from < this.start || to > this.end || from > to) {
      throw new RangeError(`Samples ${from}–${to} are outside the buffer (${this.start}–${this.end})`);
    }
    return this.data.subarray(this.head + from - this.origin, this.head + to - this.origin);
  }

  copy(from: number, to: number): Float32Array {
    return this.view(from, to).slice();
  }

  /** Forget everything before `from`. */
  trim(from: number): void {
    const drop = Math.min(from, this.end) - this.origin;
    if (drop <= 0) return;
    this.head += drop;
    this.length -= drop;
    this.origin += drop;
  }
}
