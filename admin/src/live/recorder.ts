/** Microphone → AudioWorklet → PCM16 mono chunks of ~250 ms. */
export interface RecorderChunk {
  data: ArrayBuffer;
  sampleRate: number;
  level: number;
}

export interface Recorder {
  sampleRate: number;
  /** Emits the last partial chunk, then releases the microphone. */
  stop(): Promise<void>;
}

export const TARGET_RATE = 16_000;
export const CHUNK_MS = 250;
const WORKLET_URL = `${import.meta.env.BASE_URL}pcm16-worklet.js`;

export class MicrophoneError extends Error {
  constructor(
    readonly reason: 'insecure' | 'denied' | 'not_found' | 'busy' | 'unsupported' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'MicrophoneError';
  }
}

async function openMicrophone(): Promise<MediaStream> {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
    throw new MicrophoneError('insecure', 'Microphone access needs HTTPS or localhost.');
  }
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    const message = error instanceof Error ? error.message : String(error);
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new MicrophoneError('denied', message);
    if (name === 'NotFoundError' || name === 'OverconstrainedError')
      throw new MicrophoneError('not_found', message);
    if (name === 'NotReadableError') throw new MicrophoneError('busy', message);
    throw new MicrophoneError('other', message);
  }
}

/**
 * Prefers a 16 kHz context so the browser resamples with a proper filter; browsers that
 * refuse to connect a microphone to a context of another rate get the native rate, a
 * low-pass filter and the worklet's own resampler.
 */
function connectSource(stream: MediaStream): { context: AudioContext; source: AudioNode } {
  try {
    const context = new AudioContext({ sampleRate: TARGET_RATE, latencyHint: 'interactive' });
    try {
      return { context, source: context.createMediaStreamSource(stream) };
    } catch {
      void context.close();
    }
  } catch {
    // Rate not supported: fall through.
  }
  const context = new AudioContext({ latencyHint: 'interactive' });
  const source = context.createMediaStreamSource(stream);
  const lowpass = context.createBiquadFilter();
  lowpass.type = 'lowpass';
  lowpass.frequency.value = TARGET_RATE * 0.45;
  source.connect(lowpass);
  return { context, source: lowpass };
}

export async function startRecorder(onChunk: (chunk: RecorderChunk) => void): Promise<Recorder> {
  if (typeof AudioWorkletNode === 'undefined') {
    throw new MicrophoneError('unsupported', 'This browser does not support AudioWorklet.');
  }
  const stream = await openMicrophone();
  let context: AudioContext | undefined;
  try {
    const graph = connectSource(stream);
    context = graph.context;
    await context.audioWorklet.addModule(WORKLET_URL);
    const sampleRate = Math.min(TARGET_RATE, context.sampleRate);
    const node = new AudioWorkletNode(context, 'pcm16-chunker', {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
      processorOptions: { targetRate: sampleRate, chunkMs: CHUNK_MS },
    });
    let flushed: (() => void) | null = null;
    node.port.onmessage = (event: MessageEvent<{ type: string; data?: ArrayBuffer; level?: number }>) => {
      const msg = event.data;
      if (msg.type === 'chunk' && msg.data) onChunk({ data: msg.data, sampleRate, level: msg.level ?? 0 });
      else if (msg.type === 'flushed') flushed?.();
    };
    graph.source.connect(node);
    if (context.state === 'suspended') await context.resume();

    const ctx = context;
    return {
      sampleRate,
      async stop() {
        await new Promise<void>((resolve) => {
          flushed = resolve;
          node.port.postMessage('flush');
          setTimeout(resolve, 500);
        });
        graph.source.disconnect();
        node.disconnect();
        node.port.onmessage = null;
        stream.getTracks().forEach((t) => t.stop());
        await ctx.close().catch(() => undefined);
      },
    };
  } catch (error) {
    stream.getTracks().forEach((t) => t.stop());
    await context?.close().catch(() => undefined);
    throw error;
  }
}
