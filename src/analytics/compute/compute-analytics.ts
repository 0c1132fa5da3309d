import { isBackchannel } from '#src/ai/fallback/backchannel.js';
import { stripMarkup } from '#src/ai/fallback/clean-text.js';
import { extractTopics } from '#src/ai/fallback/keywords.js';
import { speakerDisplayName, type TranscriptSegment } from '#src/ai/fallback/transcript.js';
import { coverage } from './coverage.js';
import { engagement, type Engagement } from './engagement.js';
import { overlapStats, type InterruptionPair } from './overlaps.js';
import { meanSentiment, sentimentScore } from './sentiment.js';
import { turnStats, type Monologue } from './turns.js';
import type { Utterance } from './utterance.js';

export interface SpeakerAnalytics {
  speaker: string;
  talkMs: number;
  /** Share of all talk time, 0..1; shares sum to 1. */
  share: number;
  words: number;
  turns: number;
  wordsPerMinute: number;
  questions: number;
  /** -1..1 */
  sentiment: number;
  /** What this speaker talked about most (the meeting-level keyword extractor over their own words). */
  topics: string[];
}

export interface MeetingAnalytics {
  durationMs: number;
  speechMs: number;
  silenceRatio: number;
  /** Speaking rate: all words over all talk time. */
  wordsPerMinute: number;
  turns: number;
  speakerChanges: number;
  speakers: SpeakerAnalytics[];
  longestMonologue: Monologue | null;
  overlaps: number;
  interruptions: { total: number; pairs: InterruptionPair[] };
  questions: number;
  sentiment: number;
  engagement: Engagement;
  topics: string[];
}

export interface ComputeAnalyticsOptions {
  speakerNames?: Readonly<Record<string, string>>;
  topicLimit?: number;
}

const UNKNOWN_SPEAKER = 'Unknown';
const SPEAKER_TOPICS = 5;

const perMinute = (count: number, ms: number) => (ms > 0 ? count / (ms / 60_000) : 0);
const countQuestions = (text: string) => text.match(/\?+/g)?.length ?? 0;

function toUtterances(
  segments: readonly TranscriptSegment[],
  names: Readonly<Record<string, string>>,
): Utterance[] {
  return segments
    .map((s) => {
      const text = stripMarkup(s.text);
      return {
        speaker: speakerDisplayName(s.speaker, names) ?? UNKNOWN_SPEAKER,
        text,
        words: text.match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)?.length ?? 0,
        startMs: s.startMs,
        endMs: Math.max(s.startMs, s.endMs),
        backchannel: isBackchannel(text),
      };
    })
    .filter((u) => u.words > 0)
    .sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/**
 * Meeting metrics from final segments. Segments without words (laughter, markup only) are not
 * speech and are left out of every figure. Talk time counts overlapping speech for each speaker.
 */
export function computeAnalytics(
  segments: readonly TranscriptSegment[],
  options: ComputeAnalyticsOptions = {},
): MeetingAnalytics {
  const utterances = toUtterances(segments, options.speakerNames ?? {});
  const span = coverage(utterances);
  const turns = turnStats(utterances);
  const overlap = overlapStats(utterances);

  const bySpeaker = new Map<string, Utterance[]>();
  for (const u of utterances) {
    const own = bySpeaker.get(u.speaker);
    if (own) own.push(u);
    else bySpeaker.set(u.speaker, [u]);
  }
  const excludedNames = [...bySpeaker.keys(), ...Object.keys(options.speakerNames ?? {})];
  const talkTotal = utterances.reduce((sum, u) => sum + (u.endMs - u.startMs), 0);
  const wordTotal = utterances.reduce((sum, u) => sum + u.words, 0);

  const speakers = [...bySpeaker.entries()]
    .map(([speaker, own]): SpeakerAnalytics => {
      const talkMs = own.reduce((sum, u) => sum + (u.endMs - u.startMs), 0);
      const words = own.reduce((sum, u) => sum + u.words, 0);
      return {
        speaker,
        talkMs,
        // Zero-length segments carry no time; fall back to words so shares still mean something.
        share: talkTotal > 0 ? talkMs / talkTotal : wordTotal > 0 ? words / wordTotal : 0,
        words,
        turns: turns.turnsBySpeaker.get(speaker) ?? 0,
        wordsPerMinute: perMinute(words, talkMs),
        questions: own.reduce((sum, u) => sum + countQuestions(u.text), 0),
        sentiment: meanSentiment(own.map((u) => sentimentScore(u.text))),
        topics: extractTopics(
          own.map((u) => u.text),
          { limit: SPEAKER_TOPICS, exclude: excludedNames },
        ),
      };
    })
    .sort((a, b) => b.talkMs - a.talkMs || b.words - a.words || a.speaker.localeCompare(b.speaker));

  const questions = speakers.reduce((sum, s) => sum + s.questions, 0);
  return {
    durationMs: span.durationMs,
    speechMs: span.speechMs,
    silenceRatio: span.silenceRatio,
    wordsPerMinute: perMinute(wordTotal, talkTotal),
    turns: turns.turns,
    speakerChanges: turns.speakerChanges,
    speakers,
    longestMonologue: turns.longestMonologue,
    overlaps: overlap.overlaps,
    interruptions: { total: overlap.interruptions, pairs: overlap.pairs },
    questions,
    sentiment: meanSentiment(utterances.map((u) => sentimentScore(u.text))),
    engagement: engagement({
      shares: speakers.map((s) => s.share),
      speakerChanges: turns.speakerChanges,
      questions,
      durationMs: span.durationMs,
    }),
    topics: extractTopics(
      utterances.map((u) => u.text),
      {
        limit: options.topicLimit ?? 10,
        exclude: excludedNames,
      },
    ),
  };
}
