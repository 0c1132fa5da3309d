import { Injectable, Logger } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { sleep } from '#src/resilience/retry.js';
import { SocketRefusal } from '../socket-error.js';
import type { DrainingNotice } from '../transcription.events.js';

/** Server → client notice sent to every socket of an api process that is shutting down (SIGTERM). */
export const DRAINING_EVENT = 'server:draining';


/**
 * Graceful drain of the sockets of an api process on SIGTERM (Nest shutdown hooks), before the
 * transcription worker releases its session leases:
 *
 * 1. new handshakes are refused (`SERVICE_UNAVAILABLE`), new `audio:chunk`/`session:join`
 *    events are acked `{ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } }` (not stored:
 *    the client resends them elsewhere);
 * 2. chunks already being stored are finished and acked (bounded by `inFlightTimeoutMs`);
 * 3. every local socket gets `server:draining` ({@link DrainingNotice}), then its transport is
 *    closed, so a socket.io-client sees `disconnect` with reason `"transport close"` and its
 *    built-in reconnection kicks in (behind a load balancer that lands on another api process);
 * 4. the worker then stops its processors and releases their leases at once, so the process the
 *    client reconnects to takes the sessions over on their next chunk (or its 1 s sweep).
 */
@Injectable()
export class ShutdownDrain {
  private readonly logger = new Logger(ShutdownDrain.name);
  private nsp: Namespace | undefined;
  private inFlight = 0;
  private draining = false;
  private drained: Promise<void> | undefined;

  inFlightTimeoutMs = 5_000;
  /** Time given to the notice to reach clients before their transports are closed. */
  noticeGraceMs = 200;

  /** Called by the gateway in afterInit, before its own middleware. */
  bind(nsp: Namespace): void {
    this.nsp = nsp;
    nsp.use((_socket, next) => {
      if (!this.draining) return next();
      next(Object.assign(new Error('This server is shutting down; connect to another one'), { data: { code: 'SERVICE_UNAVAILABLE' } }));
    });
  }

  /** Refuses new work once draining. */
  check(): void {
    if (this.draining) throw new SocketRefusal('SERVICE_UNAVAILABLE', 'This server is shutting down; reconnect and resend from nextSeq');
  }

  /** Counts a chunk being stored; returns its release. */
  begin(): () => void {
    this.inFlight++;
    let done = false;
    return () => {
      if (!done) this.inFlight--;
      done = true;
    };
  }

  /** Idempotent; resolves once every local socket has been told and disconnected. */
  drain(): Promise<void> {
    this.drained ??= this.run();
    return this.drained;
  }

  private async run(): Promise<void> {
    this.draining = true;
    const nsp = this.nsp;
    if (!nsp) return;
    const deadline = Date.now() + this.inFlightTimeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) await sleep(10);
    if (this.inFlight > 0) this.logger.warn(`drain: ${this.inFlight} chunk(s) still being stored after ${this.inFlightTimeoutMs} ms`);
    const sockets = [...nsp.sockets.values()] as Socket[];
    const notice: DrainingNotice = { reconnect: true, reason: 'shutting_down', message: 'Server shutting down: reconnect, rejoin with lastSeq and resend from nextSeq' };
    for (const socket of sockets) socket.emit(DRAINING_EVENT, notice);
    if (sockets.length > 0) await sleep(this.noticeGraceMs);
    // Closing the transport (not socket.disconnect()) so that clients auto-reconnect ("transport close").
    for (const socket of sockets) socket.conn.close();
    this.logger.log(`drain: ${sockets.length} socket(s) told to reconnect`);
  }
}
