import type { TranscriptionSocket } from '../live/socket';
import { dataProvider } from '../providers/dataProvider';
import type { Session, SessionStatus } from '../types';

export interface SessionProgress {
  sessionId: string;
  status: SessionStatus;
  progress?: number | null;
  queuePosition?: number | null;
  /** Full record when fetched over REST (error reason, not-transcribed notice). */
  session?: Session;
}

const POLL_MS = 4_000;
/** The socket joins at most this many sessions (MINA_SOCKET_MAX_SESSIONS defaults to 16); the rest are polled. */
const MAX_JOINED = 12;
const TERMINAL = new Set<SessionStatus>(['completed', 'error']);
/** Join without replaying the transcript: this page wants statuses, not segments. */
const NO_REPLAY = Number.MAX_SAFE_INTEGER;

/**
 * Follows the server status of uploaded recordings until they end: `session:status` events in each
 * session's room for immediacy, and a REST poll of all of them (one getMany) as the safety net and
 * for what events do not carry (the error's reason, "not transcribed").
 */
export class StatusFollower {
  private readonly watched = new Set<string>();
  private readonly joined = new Set<string>();
  private socket: TranscriptionSocket | null = null;
  private connecting = false;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly onProgress: (update: SessionProgress) => void) {}

  watch(sessionId: string): void {
    if (this.watched.has(sessionId)) return;
    this.watched.add(sessionId);
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
    void this.poll([sessionId]);
    this.join(sessionId);
  }

  private unwatch(sessionId: string): void {
    this.watched.delete(sessionId);
    this.joined.delete(sessionId);
    if (this.watched.size > 0) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.socket?.disconnect();
    this.socket = null;
  }

  private join(sessionId: string): void {
    if (this.joined.size >= MAX_JOINED) return;
    if (!this.socket) return void this.connect();
    this.joined.add(sessionId);
    if (this.socket.connected)
      this.socket.emit('session:join', { sessionId, lastSeq: NO_REPLAY }, () => undefined);
  }

  private connect(): void {
    if (this.connecting) return;
    this.connecting = true;
    // The socket client is its own chunk, loaded once something is uploaded.
    void import('../live/socket').then(({ connectTranscription }) => {
      this.connecting = false;
      if (this.watched.size === 0 || this.socket) return;
      const socket = connectTranscription(() => undefined);
      this.socket = socket;
      socket.on('connect', () => {
        this.joined.clear();
        for (const id of [...this.watched].slice(0, MAX_JOINED)) this.join(id);
      });
      socket.on('session:status', (event) => {
        if (!this.watched.has(event.sessionId)) return;
        this.onProgress({
          sessionId: event.sessionId,
          status: event.status,
          progress: event.progress,
          queuePosition: event.queuePosition,
        });
        // The end state's details (reason, not transcribed) come with the record.
        if (TERMINAL.has(event.status)) void this.poll([event.sessionId]);
      });
    });
  }

  private async poll(ids = [...this.watched]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const { data } = await dataProvider.getMany<Session>('sessions', { ids });
      for (const session of data) {
        if (!this.watched.has(session.id)) continue;
        this.onProgress({
          sessionId: session.id,
          status: session.status,
          progress: session.progress,
          queuePosition: session.queuePosition,
          session,
        });
        if (TERMINAL.has(session.status)) this.unwatch(session.id);
      }
    } catch {
      // The next poll tries again; the socket may still deliver.
    }
  }
}
