import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { applyInterim, type SegmentEvent } from '../live/events';
import type { ConnectionState } from '../live/socket';
import { STAGES, type Segment, type StageName, type StageInfo } from '../types';

export const insightsKey = (id: string) => ['mina', 'session-insights', id] as const;
export const segmentsKey = (id: string) => ['mina', 'session-segments', id] as const;

const POLL_MS = 5_000;

type StageOverrides = Partial<Record<StageName, StageInfo & { at: number }>>;

export function stageFromEvent(event: string, data: unknown): [StageName, StageInfo] | null {
  const match = /^(\w+?)_(started|ready|skipped|failed)$/.exec(event);
  if (!match) return null;
  const stage = match[1] as StageName;
  if (!STAGES.includes(stage)) return null;
  const status = match[2] === 'started' ? 'running' : (match[2] as 'ready' | 'skipped' | 'failed');
  const field = (name: string) =>
    typeof data === 'object' && data !== null && name in data
      ? String((data as Record<string, unknown>)[name])
      : undefined;
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const provider = typeof record.provider === 'string' ? record.provider : null;
  const fallbackUsed = record.fallbackUsed === true;
  return [
    stage,
    {
      status,
      error: field('error'),
      reason: field('reason'),
      ...(status === 'ready' ? { provider, fallbackUsed } : {}),
    },
  ];
}

export interface SessionLive {
  connection: ConnectionState | 'off';
  connectionMessage?: string;
  interims: SegmentEvent[];
  stageOverrides: StageOverrides;
}

/**
 * Follows a session over the socket while something can still change: final segments join
 * the transcript cache, pipeline events flip stage states at once and refetch insights.
 */
export function useSessionLive(sessionId: string | undefined, enabled: boolean): SessionLive {
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<SessionLive['connection']>('off');
  const [connectionMessage, setConnectionMessage] = useState<string>();
  const [interims, setInterims] = useState<Record<string, SegmentEvent>>({});
  const [stageOverrides, setStageOverrides] = useState<StageOverrides>({});
  const cancelled = useRef(false);

  useEffect(() => {
    if (!sessionId || !enabled) return;
    cancelled.current = false;
    let socket: import('../live/socket').TranscriptionSocket | null = null;

    void import('../live/socket').then(({ connectTranscription, ACK_TIMEOUT_MS }) => {
      if (cancelled.current) return;
      const s = connectTranscription((state, message) => {
        setConnection(state);
        setConnectionMessage(message);
      });
      socket = s;
      s.on('connect', () => {
        // Ask only for the finals we lack: the server replays those after `lastSeq`.
        const held = queryClient.getQueryData<Segment[]>(segmentsKey(sessionId)) ?? [];
        const lastSeq = held.reduce<number | null>(
          (max, x) => (typeof x.seq === 'number' && (max === null || x.seq > max) ? x.seq : max),
          null,
        );
        s.timeout(ACK_TIMEOUT_MS)
          .emitWithAck('session:join', lastSeq === null ? { sessionId } : { sessionId, lastSeq })
          .then((ack) => {
            if (!ack.ok) {
              setConnection('failed');
              setConnectionMessage(ack.error.message);
            }
          })
          .catch(() => setConnectionMessage('session:join timed out'));
      });
      s.on('segment', (segment) => {
        if (segment.sessionId !== sessionId) return;
        setInterims((old) => applyInterim(old, segment));
        if (segment.kind === 'interim') return;
        queryClient.setQueryData<Segment[]>(segmentsKey(sessionId), (old) => {
          const list = old ?? [];
          if (list.some((x) => x.id === segment.id)) return list;
          // Finals always carry their seq (only interims have none); -1 would replay from the start.
          const final: Segment = { ...segment, kind: 'final', refinedText: null, seq: segment.seq ?? -1 };
          return [...list, final].sort((a, b) => a.startMs - b.startMs);
        });
      });
      s.on('session:status', (event) => {
        if (event.sessionId !== sessionId) return;
        void queryClient.invalidateQueries({ queryKey: ['sessions', 'getOne'] });
        void queryClient.invalidateQueries({ queryKey: insightsKey(sessionId) });
      });
      s.on('pipeline', (event) => {
        if (event.sessionId !== sessionId) return;
        const stage = stageFromEvent(event.event, event.data);
        if (stage) {
          const [name, status] = stage;
          setStageOverrides((old) => ({ ...old, [name]: { ...status, at: Date.now() } }));
        }
        if (event.event === 'refinement_ready' || event.event === 'post_transcription_reveal') {
          void queryClient.invalidateQueries({ queryKey: segmentsKey(sessionId) });
        }
        if (event.event === 'session_finalized') {
          void queryClient.invalidateQueries({ queryKey: ['sessions', 'getOne'] });
        }
        void queryClient.invalidateQueries({ queryKey: insightsKey(sessionId) });
      });
    });

    return () => {
      cancelled.current = true;
      socket?.disconnect();
      setConnection('off');
    };
  }, [sessionId, enabled, queryClient]);

  // While the socket is down, poll so that the page still moves on.
  useEffect(() => {
    if (!sessionId || !enabled || connection === 'connected') return;
    const timer = setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: insightsKey(sessionId) });
      void queryClient.invalidateQueries({ queryKey: segmentsKey(sessionId) });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [sessionId, enabled, connection, queryClient]);

  return { connection, connectionMessage, interims: Object.values(interims), stageOverrides };
}

/** Overrides newer than the last insights fetch win; older ones are superseded by the server. */
export function mergeStages(
  stages: Record<StageName, StageInfo> | undefined,
  overrides: StageOverrides,
  fetchedAt: number,
): Record<StageName, StageInfo> {
  const out = {} as Record<StageName, StageInfo>;
  for (const stage of STAGES) {
    const override = overrides[stage];
    out[stage] = override && override.at > fetchedAt ? override : (stages?.[stage] ?? { status: 'pending' });
  }
  return out;
}
