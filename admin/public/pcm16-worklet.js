// AudioWorklet: mono PCM16LE chunks of ~chunkMs at targetRate, posted to the main thread.
// Runs in the AudioWorkletGlobalScope, where `sampleRate` is the context's rate. Plain JS
// because worklets are loaded by URL, outside the bundler.
class Pcm16ChunkProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = (options && options.processorOptions) || {};
    this.targetRate = Math.min(opts.targetRate || 16000, sampleRate);
    this.ratio = sampleRate / this.targetRate;
    this.chunkSamples = Math.max(1, Math.round((this.targetRate * (opts.chunkMs || 250)) / 1000));
    this.chunk = new ArrayBuffer(this.chunkSamples * 2);
    this.view = new DataView(this.chunk);
    this.filled = 0;
    this.peak = 0;
    // Resampling state: position of the next output sample, in input samples, relative to
    // the start of the current block; `prev` is the last input sample of the previous block.
    this.pos = 0;
    this.prev = 0;
    this.port.onmessage = (event) => {
      if (event.data === 'flush') {
        this.emit();
        this.port.postMessage({ type: 'flushed' });
      }
    };
  }

  emit() {
    if (this.filled === 0) return;
    const bytes = this.filled * 2;
    const out = bytes === this.chunk.byteLength ? this.chunk : this.chunk.slice(0, bytes);
    this.port.postMessage({ type: 'chunk', data: out, samples: this.filled, level: this.peak }, [out]);
    this.chunk = new ArrayBuffer(this.chunkSamples * 2);
    this.view = new DataView(this.chunk);
    this.filled = 0;
    this.peak = 0;
  }

  push(sample) {
    const s = sample > 1 ? 1 : sample < -1 ? -1 : sample;
    const abs = s < 0 ? -s : s;
    if (abs > this.peak) this.peak = abs;
    this.view.setInt16(this.filled * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    this.filled += 1;
    if (this.filled === this.chunkSamples) this.emit();
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0 || !input[0]) return true;
    const n = input[0].length;
    const channels = input.length;
    const mono = new Float32Array(n);
    for (let c = 0; c < channels; c += 1) {
      const data = input[c];
      for (let i = 0; i < n; i += 1) mono[i] += data[i] / channels;
    }
    if (this.ratio === 1) {
      for (let i = 0; i < n; i += 1) this.push(mono[i]);
      return true;
    }
    // Linear interpolation; the graph puts a low-pass filter in front against aliasing.
    while (this.pos < n - 1) {
      const i = Math.floor(this.pos);
      const frac = this.pos - i;
      const a = i < 0 ? this.prev : mono[i];
      const b = mono[i + 1];
      this.push(a + (b - a) * frac);
      this.pos += this.ratio;
    }
    this.pos -= n;
    this.prev = mono[n - 1];
    return true;
  }
}

registerProcessor('pcm16-chunker', Pcm16ChunkProcessor);
