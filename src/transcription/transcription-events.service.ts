import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import {
  sessionRoom,
  type ClientToServerEvents,
  type SegmentEvent,
  type ServerToClientEvents,
  type SessionStatusEvent,
} from './transcription.events.js';

/** Emits to session rooms through the gateway's namespace (and so, via the Redis adapter, to every api process). */
@Injectable()
export class TranscriptionEvents {
  private nsp: Namespace<ClientToServerEvents, ServerToClientEvents> | undefined;

  bind(nsp: Namespace<ClientToServerEvents, ServerToClientEvents>): void {
    this.nsp = nsp;
  }

  segment(event: SegmentEvent): void {
    this.nsp?.to(sessionRoom(event.sessionId)).emit('segment', event);
  }

  status(event: SessionStatusEvent): void {
    this.nsp?.to(sessionRoom(event.sessionId)).emit('session:status', event);
  }
}
