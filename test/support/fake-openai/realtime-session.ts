import { setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { heardWords } from './audio-matcher.js';
import type { AudioMatcher } from './audio-matcher.js';
import type { FaultRegistry } from './fault-registry.js';
import type { RealtimeOverride, RequestLogEntry } from './fake-openai.types.js';
import { bufferToPcm } from './wav.js';

export interface RealtimeConfig {
  matcher: AudioMatcher;
  faults: FaultRegistry;
  override?: RealtimeOverride;
  signal: AbortSignal;
  log: (entry: Omit<RequestLogEntry, 'id' | 'at'>) => RequestLogEntry;
}

interface SessionState {
  model?: string;
  language?: string;
  prompt?: string;
  sampleRate: number;
  turnDetection: unknown;
}

interface TranscriptionSettings {
  model?: string;
  language?: string;
  prompt?: string;
}

/** The client events this fake reads, GA (`session.update`) and beta (`transcription_session.update`). */
interface ClientEvent {
  type?: string;
  event_id?: string;
  audio?: string;
  session?: {
    audio?: {
      input?: {
        format?: { rate?: number };
        transcription?: TranscriptionSettings | null;
        turn_detection?: unknown;
      };
    };
    input_audio_transcription?: TranscriptionSettings | null;
    turn_detection?: unknown;
  };
}

let ids = 0;
const id = (prefix: string) => `${prefix}_fake${(++ids).toString(36).padStart(6, '0')}`;

/** One realtime transcription connection: buffer appended audio, transcribe on commit. */
export class RealtimeSession {
  private readonly state: SessionState = { sampleRate: 24_000, turnDetection: null };
  private chunks: Buffer[] = [];
  private previousItem: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly path: string,
    private readonly config: RealtimeConfig,
  ) {
    this.emit({ type: 'session.created', session: this.sessionView() });
    ws.on('message', (data: Buffer, isBinary) => {
      // Commits are answered in order, even when one waits out latency.
      this.queue = this.queue
        .then(() => this.onMessage(isBinary ? '' : data.toString('utf8')))
        .catch(() => {});
    });
  }

  private emit(event: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN)
      this.ws.send(JSON.stringify({ event_id: id('event'), ...event }));
  }

  private error(message: string, code: string, clientEventId?: string): void {
    this.emit({
      type: 'error',
      error: { type: 'invalid_request_error', code, message, param: null, event_id: clientEventId ?? null },
    });
  }

  private sessionView() {
    const s = this.state;
    return {
      type: 'transcription',
      id: 'sess_fake',
      object: 'realtime.transcription_session',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: s.sampleRate },
          transcription: s.model
            ? { model: s.model, language: s.language ?? null, prompt: s.prompt ?? '' }
            : null,
          turn_detection: s.turnDetection,
          noise_reduction: null,
        },
      },
      include: null,
    };
  }

  private async onMessage(text: string): Promise<void> {
    let event: ClientEvent;
    try {
      event = JSON.parse(text) as ClientEvent;
    } catch {
      return this.error('The server could not parse the event as JSON.', 'invalid_json');
    }
    switch (event.type ?? '') {
      case 'session.update': {
        const input = event.session?.audio?.input;
        this.configure(input?.transcription, input?.format?.rate, input?.turn_detection);
        return this.emit({ type: 'session.updated', session: this.sessionView() });
      }
      case 'transcription_session.update': {
        const s = event.session;
        this.configure(s?.input_audio_transcription, 24_000, s?.turn_detection);
        return this.emit({ type: 'transcription_session.updated', session: this.sessionView() });
      }
      case 'input_audio_buffer.append':
        if (typeof event.audio !== 'string')
          return this.error(
            "Missing required parameter: 'audio'.",
            'missing_required_parameter',
            event.event_id,
          );
        this.chunks.push(Buffer.from(event.audio, 'base64'));
        return;
      case 'input_audio_buffer.clear':
        this.chunks = [];
        return this.emit({ type: 'input_audio_buffer.cleared' });
      case 'input_audio_buffer.commit':
        return this.commit(event.event_id);
      default:
        return this.error(`Invalid value: '${String(event.type)}'.`, 'invalid_value', event.event_id);
    }
  }

  private configure(
    transcription: TranscriptionSettings | null | undefined,
    rate: unknown,
    turnDetection: unknown,
  ): void {
    if (transcription) {
      this.state.model = transcription.model ?? this.state.model;
      this.state.language = transcription.language ?? this.state.language;
      this.state.prompt = transcription.prompt ?? this.state.prompt;
    }
    if (typeof rate === 'number') this.state.sampleRate = rate;
    if (turnDetection !== undefined) this.state.turnDetection = turnDetection;
  }

  private async commit(clientEventId?: string): Promise<void> {
    const pcm = Buffer.concat(this.chunks);
    this.chunks = [];
    const audio = { sampleRate: this.state.sampleRate, samples: bufferToPcm(pcm) };
    const ms = (audio.samples.length * 1000) / audio.sampleRate;
    const log = this.config.log({
      route: 'realtime',
      method: 'WS',
      path: this.path,
      event: 'input_audio_buffer.commit',
      model: this.state.model,
      language: this.state.language,
      prompt: this.state.prompt,
      audioBytes: pcm.length,
      audioMs: ms,
    });
    if (ms < 100) {
      return this.error(
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${ms.toFixed(2)}ms of audio.`,
        'input_audio_buffer_commit_empty',
        clientEventId,
      );
    }
    const { delayMs, fault } = this.config.faults.take('realtime', [
      'hang',
      'garbage',
      'truncate',
      'transcription-failed',
      'error-event',
      'slow-deltas',
    ]);
    log.fault = fault?.kind;
    const itemId = id('item');
    this.emit({ type: 'input_audio_buffer.committed', previous_item_id: this.previousItem, item_id: itemId });
    this.previousItem = itemId;
    if (delayMs) await sleep(delayMs, undefined, { signal: this.config.signal });
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'garbage') {
      return this.ws.send('{"type": "conversation.item.input_audio_transcription.delta", "delta": ');
    }
    if (fault?.kind === 'error-event') {
      return this.emit({
        type: 'error',
        error: {
          type: 'server_error',
          code: null,
          message: 'The server had an error while processing your request.',
          param: null,
          event_id: clientEventId ?? null,
        },
      });
    }
    if (fault?.kind === 'transcription-failed') {
      return this.emit({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: {
          type: 'transcription_error',
          code: 'audio_unintelligible',
          message: 'Audio could not be transcribed.',
          param: null,
        },
      });
    }
    const heard = heardWords(this.config.matcher.match(audio, 'exact-or-envelope'), ms);
    const transcript =
      this.config.override?.({ model: this.state.model, audio, heard }) ?? heard.map((w) => w.word).join(' ');
    const words = transcript.split(' ').filter(Boolean);
    log.transcript = transcript;
    for (const [i, word] of words.entries()) {
      if (fault?.kind === 'truncate' && i >= words.length / 2) return void this.ws.terminate();
      if (fault?.kind === 'slow-deltas' && i > 0)
        await sleep(fault.latencyMs ?? 100, undefined, { signal: this.config.signal });
      this.emit({
        type: 'conversation.item.input_audio_transcription.delta',
        item_id: itemId,
        content_index: 0,
        delta: i ? ` ${word}` : word,
      });
    }
    if (fault?.kind === 'truncate') return void this.ws.terminate();
    const audioTokens = Math.ceil(ms / 100);
    const textTokens = Math.ceil(transcript.length / 4);
    this.emit({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript,
      usage: {
        type: 'tokens',
        input_tokens: audioTokens,
        input_token_details: { audio_tokens: audioTokens, text_tokens: 0 },
        output_tokens: textTokens,
        total_tokens: audioTokens + textTokens,
      },
    });
  }
}
