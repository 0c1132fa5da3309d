import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind, FaultSpec, RequestLogEntry } from './fake-openai.types.js';

/** What the server hands a route: the request read in full, its log entry, and the faults. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  body: Buffer;
  log: RequestLogEntry;
  /**
   * Waits out latency and, when a transport or status fault applies, answers with it
   * (`handled`). Faults only the route can act on (`routeKinds`, e.g. schema-invalid) come
   * back in `fault`; a fault is spent only when it applies.
   */
  applyFaults(routeKinds?: readonly FaultKind[]): Promise<{ handled: boolean; fault?: FaultSpec }>;
  send(status: number, contentType: string, body: string): void;
}
