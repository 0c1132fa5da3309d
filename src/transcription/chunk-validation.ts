import { SocketRefusal } from './socket-error.js';
import {
  MAX_CHUNK_BYTES,
  MAX_SAMPLE_RATE,
  MIN_SAMPLE_RATE,
  type EndPayload,
  type JoinPayload,
} from './transcription.events.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ValidChunk {
  sessionId: string;
  seq: number;
  sampleRate: number;
  data: Buffer;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const malformed = (message: string) => new SocketRefusal('VALIDATION_FAILED', message, 'MALFORMED');

function sessionIdOf(payload: unknown): string {
  if (!isObject(payload)) throw malformed('Payload must be an object');
  const { sessionId } = payload;
  if (typeof sessionId !== 'string' || !UUID.test(sessionId)) throw malformed('sessionId must be a uuid');
  return sessionId.toLowerCase();
}

export function parseJoin(payload: unknown): JoinPayload {
  const sessionId = sessionIdOf(payload);
  const { lastSeq } = payload as Record<string, unknown>;
  if (lastSeq !== undefined && lastSeq !== null && !(Number.isSafeInteger(lastSeq) && (lastSeq as number) >= -1)) {
    throw new SocketRefusal('VALIDATION_FAILED', 'lastSeq must be an integer ≥ -1', 'BAD_SEQ');
  }
  return { sessionId, ...(typeof lastSeq === 'number' && { lastSeq }) };
}

export function parseEnd(payload: unknown): EndPayload {
  return { sessionId: sessionIdOf(payload) };
}

/** Binary data as Socket.IO hands it over: Buffer (Node clients), ArrayBuffer or a typed-array view. */
function bytesOf(data: unknown): Buffer | undefined {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** Shape, type and range checks of `audio:chunk`, cheapest first; the PCM itself is decoded later. */
export function parseChunk(payload: unknown): ValidChunk {
  const sessionId = sessionIdOf(payload);
  const p = payload as Record<string, unknown>;
  if (!Number.isSafeInteger(p.seq) || (p.seq as number) < 0) {
    throw new SocketRefusal('VALIDATION_FAILED', 'seq must be a non-negative integer', 'BAD_SEQ');
  }
  if (p.format !== 'pcm16') {
    throw new SocketRefusal('UNSUPPORTED_MEDIA_TYPE', 'format must be "pcm16" (mono PCM16LE)', 'BAD_FORMAT');
  }
  if (typeof p.sampleRate !== 'number' || !Number.isInteger(p.sampleRate) || p.sampleRate < MIN_SAMPLE_RATE || p.sampleRate > MAX_SAMPLE_RATE) {
    throw new SocketRefusal('VALIDATION_FAILED', `sampleRate must be an integer from ${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE}`, 'SAMPLE_RATE');
  }
  const data = bytesOf(p.data);
  if (!data) throw malformed('data must be binary (Buffer, ArrayBuffer or typed array)');
  if (data.byteLength > MAX_CHUNK_BYTES) {
    throw new SocketRefusal('PAYLOAD_TOO_LARGE', `data is ${data.byteLength} bytes; the limit is ${MAX_CHUNK_BYTES}`, 'TOO_LARGE');
  }
  if (data.byteLength === 0) throw malformed('data is empty');
  if (data.byteLength % 2 !== 0) {
    throw new SocketRefusal('VALIDATION_FAILED', `PCM16 data must have an even byte length, got ${data.byteLength}`, 'ODD_BYTE_LENGTH');
  }
  return { sessionId, seq: p.seq as number, sampleRate: p.sampleRate, data };
}
