import { useCallback, useEffect, useRef, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { MinaDataProvider } from '../providers/dataProvider';
import { errorMessage } from '../providers/errors';
import type { SessionStatus } from '../types';
import { ChunkSender, type SenderStats } from '@mina/contract/chunk-sender';
import type { CopilotEvent } from '@mina/contract/copilot';
import { applyInterim, type AsrInfo, type PipelineEvent, type SegmentEvent } from './events';
import { MicrophoneError, startRecorder, type Recorder, type RecorderChunk } from './recorder';
import { ACK_TIMEOUT_MS, type ConnectionState, type TranscriptionSocket } from './socket';

export type LivePhase = 'idle' | 'starting' | 'recording' | 'stopping' | 'stopped' | 'error';

export interface LiveOptions {
  title: string;
  language: string | null;
  meetingId: string | null;
}

export interface LiveState {
  phase: LivePhase;
  sessionId: string | null;
  sessionStatus: SessionStatus | null;
  connection: ConnectionState | 'off';
  error: string | null;
  /** Set when the microphone was the problem, for a tailored message. */
  micError: string | null;
  stats: SenderStats | null;
  finals: SegmentEvent[];
  /** Current interim text per ASR window. */
  interims: Record<string, SegmentEvent>;
  /** What the server said about its speech recognizer (no provider, breaker open…). */
  asr: AsrInfo | null;
  /** False when the server finalized before it could transcribe all the audio. */
  transcribed: boolean | null;
  pipeline: PipelineEvent[];
  /** Provisional items of the live copilot, in arrival order. */
  copilot: CopilotEvent[];
  level: number;
  startedAt: number | null;
  sampleRate: number | null;
  /** False if the last audio could not be confirmed before the session ended. */
  fullyUploaded: boolean | null;
}

const INITIAL: LiveState = {
  phase: 'idle',
  sessionId: null,
  sessionStatus: null,
  connection: 'off',
  error: null,
  micError: null,
  stats: null,
  finals: [],
  interims: {},
  asr: null,
  transcribed: null,
  pipeline: [],
  copilot: [],
  level: 0,
  startedAt: null,
  sampleRate: null,
  fullyUploaded: null,
};

const DRAIN_TIMEOUT_MS = 20_000;

/**
 * Microphone → worklet → acked audio:chunk stream → session:end. Audio captured before the
 * session is joined is buffered and sent first, so nothing said at the start is lost.
 */
export function useLiveSession() {
  const dataProvider = useDataProvider<MinaDataProvider>();
  const translate = useTranslate();
  const [state, setState] = useState<LiveState>(INITIAL);
  const patch = useCallback((p: Partial<LiveState> | ((s: LiveState) => Partial<LiveState>)) => {
    setState((s) => ({ ...s, ...(typeof p === 'function' ? p(s) : p) }));
  }, []);

  const socketRef = useRef<TranscriptionSocket | null>(null);
  const senderRef = useRef<ChunkSender | null>(null);
  const recorderRef = useRef<Recorder | null>(null);
  const bufferRef = useRef<RecorderChunk[]>([]);
  const sessionRef = useRef<string | null>(null);
  const lastFinalSeqRef = useRef<number | null>(null);
  const phaseRef = useRef<LivePhase>('idle');
  phaseRef.current = state.phase;

  const teardown = useCallback(async (endSession: boolean) => {
    const recorder = recorderRef.current;
    recorderRef.current = null;
    await recorder?.stop().catch(() => undefined);
    senderRef.current?.stop();
    const socket = socketRef.current;
    if (endSession && socket?.connected && sessionRef.current) {
      socket.emit('session:end', { sessionId: sessionRef.current }, () => undefined);
    }
    socket?.disconnect();
    socketRef.current = null;
  }, []);

  const fail = useCallback(
    async (message: string, micError: string | null = null) => {
      patch({ phase: 'error', error: message, micError });
      await teardown(Boolean(sessionRef.current));
    },
    [patch, teardown],
  );

  const onChunk = useCallback(
    (chunk: RecorderChunk) => {
      patch({ level: chunk.level });
      const sender = senderRef.current;
      if (sender) sender.push(chunk.data, chunk.sampleRate);
      else bufferRef.current.push(chunk);
    },
    [patch],
  );

  const start = useCallback(
    async (options: LiveOptions) => {
      if (
        phaseRef.current === 'starting' ||
        phaseRef.current === 'recording' ||
        phaseRef.current === 'stopping'
      )
        return;
      setState({ ...INITIAL, phase: 'starting' });
      bufferRef.current = [];
      senderRef.current = null;
      sessionRef.current = null;
      lastFinalSeqRef.current = null;

      // The microphone first: a refusal should not leave an empty session behind.
      let recorder: Recorder;
      try {
        recorder = await startRecorder(onChunk);
      } catch (e) {
        await fail(errorMessage(e), e instanceof MicrophoneError ? e.reason : null);
        return;
      }
      recorderRef.current = recorder;
      patch({ sampleRate: recorder.sampleRate, startedAt: Date.now() });

      let sessionId: string;
      try {
        const { data } = await dataProvider.create('sessions', {
          data: {
            title: options.title || undefined,
            language: options.language || undefined,
            meetingId: options.meetingId || undefined,
          },
        });
        sessionId = String(data.id);
      } catch (e) {
        await fail(errorMessage(e));
        return;
      }
      sessionRef.current = sessionId;
      patch({ sessionId, phase: 'recording' });

      const { connectTranscription } = await import('./socket');
      const socket = connectTranscription(
        (connection, message) => {
          patch({ connection });
          if (connection === 'failed') void fail(message ?? 'connection refused');
        },
        // One id per recording: after a reconnect the server hands our streaming lock back at once.
        { clientId: crypto.randomUUID() },
      );
      socketRef.current = socket;

      socket.on('connect', () => {
        // lastSeq: the last final segment we hold, so a rejoin replays only what we missed.
        const lastSeq = lastFinalSeqRef.current;
        socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('session:join', lastSeq === null ? { sessionId } : { sessionId, lastSeq })
          .then((ack) => {
            if (!ack.ok) {
              void fail(ack.error.message);
              return;
            }
            if (ack.canStream === false) {
              void fail(translate('mina.live.cannot_stream'));
              return;
            }
            patch({ sessionStatus: ack.status, asr: ack.asr ?? null });
            const nextSeq = Number.isInteger(ack.nextSeq) ? ack.nextSeq : 0;
            let sender = senderRef.current;
            if (!sender) {
              sender = new ChunkSender(socket, sessionId, nextSeq, {
                ackTimeoutMs: ACK_TIMEOUT_MS,
                onStats: (stats) => patch({ stats }),
                onFatal: (error) => void fail(error.message),
              });
              senderRef.current = sender;
              for (const chunk of bufferRef.current) sender.push(chunk.data, chunk.sampleRate);
              bufferRef.current = [];
            }
            sender.resume(nextSeq);
          })
          .catch(() => socket.disconnect().connect());
      });
      socket.on('disconnect', () => senderRef.current?.pause());
      socket.on('segment', (segment) => {
        if (segment.sessionId !== sessionId) return;
        if (segment.kind === 'final' && typeof segment.seq === 'number') {
          lastFinalSeqRef.current = Math.max(lastFinalSeqRef.current ?? -1, segment.seq);
        }
        patch((s) => {
          const interims = applyInterim(s.interims, segment);
          if (segment.kind === 'interim' || s.finals.some((f) => f.id === segment.id)) return { interims };
          return { interims, finals: [...s.finals, segment].sort((a, b) => a.startMs - b.startMs) };
        });
      });
      socket.on('session:status', (event) => {
        if (event.sessionId === sessionId)
          patch((s) => ({ sessionStatus: event.status, asr: event.asr ?? s.asr }));
      });
      socket.on('pipeline', (event) => {
        if (event.sessionId === sessionId) patch((s) => ({ pipeline: [...s.pipeline, event] }));
      });
      socket.on('copilot', (item) => {
        if (item.sessionId === sessionId)
          patch((s) => (s.copilot.some((c) => c.id === item.id) ? {} : { copilot: [...s.copilot, item] }));
      });
    },
    [dataProvider, fail, onChunk, patch, translate],
  );

  const stop = useCallback(async () => {
    if (phaseRef.current !== 'recording') return;
    patch({ phase: 'stopping' });
    const recorder = recorderRef.current;
    recorderRef.current = null;
    await recorder?.stop().catch(() => undefined);
    patch({ level: 0 });

    const sessionId = sessionRef.current;
    const sender = senderRef.current;
    const socket = socketRef.current;
    const fullyUploaded = sender ? await sender.drain(DRAIN_TIMEOUT_MS) : bufferRef.current.length === 0;
    sender?.stop();
    if (!sessionId) {
      patch({ phase: 'stopped', fullyUploaded });
      return;
    }
    let ended = false;
    if (socket?.connected) {
      try {
        const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('session:end', { sessionId });
        ended = ack.ok;
        if (ack.ok) patch({ sessionStatus: ack.status, transcribed: ack.transcribed ?? null });
      } catch {
        ended = false;
      }
    }
    if (!ended) {
      // Same finalization path as the socket event (contract: idempotent).
      try {
        await dataProvider.finalizeSession(sessionId);
      } catch (e) {
        patch({ phase: 'error', error: errorMessage(e), fullyUploaded });
        return;
      }
    }
    // The socket stays open to show the pipeline's progress; an unfinished interim is moot.
    patch({ phase: 'stopped', fullyUploaded, interims: {} });
  }, [dataProvider, patch]);

  const reset = useCallback(() => {
    void teardown(false);
    sessionRef.current = null;
    senderRef.current = null;
    setState(INITIAL);
  }, [teardown]);

  // Leaving the page ends a running recording rather than orphaning it.
  useEffect(
    () => () => {
      void teardown(phaseRef.current === 'recording' || phaseRef.current === 'starting');
    },
    [teardown],
  );

  return { state, start, stop, reset };
}
