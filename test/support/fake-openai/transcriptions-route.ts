import { AudioMatcher, heardWords } from './audio-matcher.js';
import type { HeardWord, MatchMode } from './audio-matcher.js';
import type { RequestLogEntry, TranscribeOverride } from './fake-openai.types.js';
import { badRequest } from './openai-errors.js';
import type { RouteContext } from './route-context.js';
import { formatTranscription } from './transcription-formats.js';
import { durationMs, parseWav } from './wav.js';

export interface TranscriptionsConfig {
  matcher: AudioMatcher;
  match: MatchMode;
  strictModels: boolean;
  transcribe?: TranscribeOverride;
  unmatched: 'silence' | 'marker';
  warn: (message: string) => void;
}

/** Below this RMS (about -50 dBFS) a window is silence: no words is then the true answer. */
const SILENCE_RMS = 0.003;
let unmatchedCount = 0;

/** What the fake answers, in `unmatched: 'marker'` mode, for speech it cannot place in any script. */
export const UNMATCHED_MARKER = (n: number) => `[demo AI: unknown audio #${n}]`;

function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += (s / 32768) ** 2;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

interface TranscriptionForm {
  file?: File;
  model: string;
  responseFormat: string;
  prompt?: string;
  language?: string;
  granularities: string[];
  chunkingStrategy?: string;
  knownSpeakerNames: string[];
  knownSpeakerReferences: string[];
  stream: boolean;
}

const FORMATS_BY_MODEL: [RegExp, string[]][] = [
  [/^whisper/, ['json', 'text', 'srt', 'verbose_json', 'vtt']],
  [/diarize/, ['json', 'text', 'diarized_json']],
  [/^gpt-4o(-mini)?-transcribe|^gpt-transcribe/, ['json', 'text']],
];

async function readForm(ctx: RouteContext): Promise<TranscriptionForm | undefined> {
  const contentType = ctx.req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return undefined;
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new Uint8Array(ctx.body),
  }).formData();
  const text = (key: string) => {
    const v = form.get(key);
    return typeof v === 'string' ? v : undefined;
  };
  const list = (key: string) => form.getAll(`${key}[]`).filter((v) => typeof v === 'string');
  const chunkingType = text('chunking_strategy') ?? text('chunking_strategy[type]');
  const file = form.get('file');
  return {
    file: file instanceof File ? file : undefined,
    model: text('model') ?? '',
    responseFormat: text('response_format') ?? 'json',
    prompt: text('prompt'),
    language: text('language'),
    granularities: list('timestamp_granularities'),
    chunkingStrategy: chunkingType,
    knownSpeakerNames: list('known_speaker_names'),
    knownSpeakerReferences: list('known_speaker_references'),
    stream: text('stream') === 'true',
  };
}

/** The first refusal the real API would give this request, if any. */
function refusal(form: TranscriptionForm, ms: number, strict: boolean): [string, string] | undefined {
  if (!form.model) return ['you must provide a model parameter', 'model'];
  if (form.stream) return ['fake-openai does not stream transcriptions', 'stream'];
  if (form.knownSpeakerNames.length !== form.knownSpeakerReferences.length) {
    return [
      'known_speaker_names and known_speaker_references must have the same length',
      'known_speaker_names',
    ];
  }
  if (form.knownSpeakerNames.length > 4)
    return ['at most 4 known speakers are supported', 'known_speaker_names'];
  if (form.granularities.includes('word') && form.responseFormat !== 'verbose_json') {
    return [
      "timestamp_granularities 'word' requires response_format 'verbose_json'",
      'timestamp_granularities',
    ];
  }
  if (!strict) return undefined;
  const allowed = FORMATS_BY_MODEL.find(([re]) => re.test(form.model))?.[1];
  if (allowed && !allowed.includes(form.responseFormat)) {
    return [
      `response_format '${form.responseFormat}' is not compatible with model '${form.model}'. Use ${allowed.map((f) => `'${f}'`).join(' or ')}.`,
      'response_format',
    ];
  }
  if (/diarize/.test(form.model)) {
    if (form.prompt) return ['Prompt is not supported for diarization models.', 'prompt'];
    if (form.granularities.length)
      return ['timestamp_granularities is not supported for diarization models.', 'timestamp_granularities'];
    if (ms > 30_000 && !form.chunkingStrategy) {
      return [
        'chunking_strategy is required for diarization models when the input is longer than 30 seconds.',
        'chunking_strategy',
      ];
    }
  }
  return undefined;
}

/** Diarization labels: names matched through their reference clips, the rest "A", "B", … */
function speakerLabeller(matcher: AudioMatcher, form: TranscriptionForm): (speaker: string) => string {
  const speakers = [...new Set(matcher.scripts.flatMap((s) => s.speakers))];
  const named = new Map<string, string>();
  const unplaced: string[] = [];
  form.knownSpeakerNames.forEach((name, i) => {
    const base64 = /^data:[^,]*;base64,(.*)$/s.exec(form.knownSpeakerReferences[i] ?? '')?.[1];
    const clip = base64 ? parseWav(Buffer.from(base64, 'base64')) : undefined;
    const words = clip ? heardWords(matcher.match(clip), durationMs(clip)) : [];
    const speaker = words[0]?.speaker;
    if (speaker && !named.has(speaker)) named.set(speaker, name);
    else unplaced.push(name);
  });
  for (const speaker of speakers) {
    if (!unplaced.length) break;
    if (!named.has(speaker)) named.set(speaker, unplaced.shift()!);
  }
  return (speaker) => named.get(speaker) ?? String.fromCharCode(65 + Math.max(0, speakers.indexOf(speaker)));
}

function wordsFromText(text: string, ms: number): HeardWord[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  return tokens.map((word, k) => ({
    word,
    speaker: 'override',
    utteranceKey: 'override',
    startMs: (k * ms) / tokens.length,
    endMs: ((k + 1) * ms) / tokens.length,
  }));
}

function logForm(log: RequestLogEntry, form: TranscriptionForm, bytes: number): void {
  Object.assign(log, {
    model: form.model,
    responseFormat: form.responseFormat,
    prompt: form.prompt,
    language: form.language,
    timestampGranularities: form.granularities,
    chunkingStrategy: form.chunkingStrategy,
    knownSpeakerNames: form.knownSpeakerNames,
    audioBytes: bytes,
  });
}

export async function handleTranscription(ctx: RouteContext, config: TranscriptionsConfig): Promise<void> {
  const form = await readForm(ctx).catch(() => undefined);
  if (!form) return badRequest(ctx.res, 'Expected a multipart/form-data body.');
  const upload = form.file ? Buffer.from(await form.file.arrayBuffer()) : undefined;
  logForm(ctx.log, form, upload?.length ?? 0);
  const audio = upload ? parseWav(upload) : undefined;
  const ms = audio ? durationMs(audio) : 0;
  ctx.log.audioMs = ms;
  if ((await ctx.applyFaults()).handled) return;
  if (!upload) return badRequest(ctx.res, "you must provide a 'file' parameter", 'file');
  if (!audio && /\.wav$/i.test(form.file?.name ?? '')) {
    return badRequest(ctx.res, 'Audio file might be corrupted or unsupported', 'file', 'invalid_value');
  }
  const refused = refusal(form, ms, config.strictModels);
  if (refused) return badRequest(ctx.res, refused[0], refused[1], 'unsupported_value');

  let words = audio ? heardWords(config.matcher.match(audio, config.match), ms) : [];
  const override = await config.transcribe?.({
    model: form.model,
    responseFormat: form.responseFormat,
    prompt: form.prompt,
    language: form.language,
    audio,
    durationMs: ms,
    heard: words,
  });
  if (override !== undefined) words = typeof override === 'string' ? wordsFromText(override, ms) : override;
  else if (words.length === 0 && audio && config.unmatched === 'marker' && rms(audio.samples) >= SILENCE_RMS) {
    // Numbered, so overlap reconciliation never takes one marker for a repeat of the previous one.
    const marker = UNMATCHED_MARKER(++unmatchedCount);
    config.warn(
      `fake-openai: ${Math.round(ms)} ms of ${audio.sampleRate} Hz audio match no registered recording; answered "${marker}". ` +
        'The demo AI only knows the bundled demo recording: use a real speech server for your own voice (docs/local-ai.md).',
    );
    words = wordsFromText(marker, ms);
  }

  const formatted = formatTranscription(form.responseFormat, words, {
    model: form.model,
    durationMs: ms,
    language: form.language,
    granularities: form.granularities,
    speakerLabel: speakerLabeller(config.matcher, form),
  });
  ctx.log.transcript = words.map((w) => w.word).join(' ');
  ctx.send(200, formatted.contentType, formatted.body);
}
