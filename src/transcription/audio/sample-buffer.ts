const INITIAL = 16_000;

/** Append-only sample store addressed by absolute stream index, trimmed from the front as audio is no longer needed. */
export class SampleBuffer {
  private data = new Float32Array(INITIAL);
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
      // Compact in place when half is free; else grow by a quarter plus a second (not double: a
      // live session keeps up to a 15 s window, and a thousand of them share one process).
      const needed = this.length + chunk.length;
      const target = needed > this.data.length / 2 ? new Float32Array(Math.ceil(needed * 1.25) + 16_000) : this.data;
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

  /** Forget everything before `from`; a buffer grown for a long window shrinks back once it closed. */
  trim(from: number): void {
    const drop = Math.min(from, this.end) - this.origin;
    if (drop <= 0) return;
    this.head += drop;
    this.length -= drop;
    this.origin += drop;
    if (this.data.length > 4 * INITIAL && this.length < this.data.length / 8) {
      this.data = this.data.slice(this.head, this.head + Math.max(INITIAL, this.length * 2));
      this.head = 0;
    }
  }
}
