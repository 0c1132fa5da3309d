import type { Redis } from 'ioredis';
import { encodeWav } from '../audio/wav.js';
import type { AsrSpan, SpeakerReference } from './asr-provider.js';

const MIN_CLIP_MS = 1_200;
const MAX_CLIP_MS = 4_000;
const MAX_REFERENCES = 4;

/**
 * Keeps diarization labels stable across windows: each window is sent with reference clips of the
 * speakers heard so far (known_speaker_names/references); labels the provider invents for new
 * voices are renamed to our own S1, S2, … so they never collide with a known name. Clips live in
 * Redis, so a process that takes a session over keeps the same labels.
 */
export class SpeakerMemory {
  private readonly clips = new Map<string, Buffer>();
  private readonly labels: string[] = [];

  private constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  static async load(redis: Redis, key: string): Promise<SpeakerMemory> {
    const m = new SpeakerMemory(redis, key);
    const stored = await redis.hgetallBuffer(key);
    for (const [label, wav] of Object.entries(stored).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      if (label.startsWith('label:')) m.labels.push(label.slice(6));
      else m.clips.set(label, wav);
    }
    return m;
  }

  references(): SpeakerReference[] {
    return [...this.clips].slice(0, MAX_REFERENCES).map(([label, wav]) => ({ label, wav }));
  }

  /** Maps the window's provider labels to session labels, remembering clips of new voices. */
  async resolve(spans: AsrSpan[], samples: Float32Array): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const span of spans) {
      const raw = span.speaker;
      if (!raw || map.has(raw)) continue;
      let label = this.labels.includes(raw) ? raw : undefined;
      if (!label) {
        label = `S${this.labels.length + 1}`;
        this.labels.push(label);
        await this.redis.hset(this.key, `label:${label}`, '1');
      }
      map.set(raw, label);
      const ms = Math.min(span.endMs - span.startMs, MAX_CLIP_MS);
      if (!this.clips.has(label) && this.clips.size < MAX_REFERENCES && ms >= MIN_CLIP_MS) {
        const from = Math.round(span.startMs * 16);
        const wav = encodeWav(samples.subarray(from, from + Math.round(ms * 16)));
        this.clips.set(label, wav);
        await this.redis.hset(this.key, label, wav);
      }
    }
    return map;
  }
}
