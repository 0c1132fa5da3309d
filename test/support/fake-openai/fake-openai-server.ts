import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { duplexPair } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { AudioMatcher } from './audio-matcher.js';
import { handleChat } from './chat-route.js';
import { FaultRegistry } from './fault-registry.js';
import type {
  ChatHandler,
  FakeOpenAI,
  FakeOpenAIOptions,
  FakeRoute,
  FaultKind,
  FaultSpec,
  RequestLogEntry,
} from './fake-openai.types.js';
import { FAULT_ERRORS, errorBody, sendError, sendJson } from './openai-errors.js';
import type { OpenAIErrorBody } from './openai-errors.js';
import { RealtimeSession } from './realtime-session.js';
import type { RouteContext } from './route-context.js';
import { loadScript } from './spoken-script.js';
import type { Script } from './spoken-script.js';
import { FAKE_OPENAI_TLS_CERT, FAKE_OPENAI_TLS_KEY } from './tls-cert.js';
import { handleTranscription } from './transcriptions-route.js';

export type * from './fake-openai.types.js';

const HTTP_FAULTS: readonly FaultKind[] = [
  'rate-limit',
  'server-error',
  'unavailable',
  'bad-request',
  'unauthorized',
  'hang',
  'garbage',
  'reset',
  'truncate',
];
const UPGRADE_FAULTS: readonly FaultKind[] = ['rate-limit', 'server-error', 'unavailable', 'reset'];
const ROUTES: Record<string, FakeRoute> = {
  'POST /v1/audio/transcriptions': 'transcriptions',
  'POST /v1/chat/completions': 'chat',
};

/** Starts a fake OpenAI on 127.0.0.1 at an ephemeral port. Always `close()` it. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const server = new FakeOpenAIServer(options);
  await server.listen();
  try {
    await Promise.all((options.scripts ?? []).map((path) => server.addScript(path)));
  } catch (err) {
    await server.close();
    throw err;
  }
  return server;
}

/** Scripts are loaded and indexed once per worker, however many servers a test file starts. */
const scripts = new Map<string, Promise<Script>>();

function statusFault(kind: FaultKind | undefined, retryAfter: number): [number, OpenAIErrorBody] | undefined {
  if (kind === 'rate-limit') return [429, FAULT_ERRORS.rateLimit(retryAfter)];
  if (kind === 'server-error') return [500, FAULT_ERRORS.serverError()];
  if (kind === 'unavailable') return [503, FAULT_ERRORS.unavailable()];
  if (kind === 'bad-request')
    return [
      400,
      errorBody('fake-openai: this request is refused (bad-request fault).', 'invalid_request_error'),
    ];
  if (kind === 'unauthorized') return [401, FAULT_ERRORS.unauthorized()];
  return undefined;
}

class FakeOpenAIServer implements FakeOpenAI {
  readonly requests: RequestLogEntry[] = [];
  readonly tlsCA = FAKE_OPENAI_TLS_CERT;
  private readonly matcher = new AudioMatcher();
  private readonly faults = new FaultRegistry();
  private readonly chat = {
    handlers: new Map<string, ChatHandler>(),
    fallback: undefined as ChatHandler | undefined,
  };
  private readonly sockets = new Set<net.Socket>();
  private readonly inFlight = new Map<FakeRoute, { now: number; max: number }>();
  private readonly closing = new AbortController();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly front = net.createServer((socket) => this.accept(socket));
  private readonly plain = http.createServer((req, res) => void this.handle(req, res));
  private readonly secure = https.createServer(
    { key: FAKE_OPENAI_TLS_KEY, cert: FAKE_OPENAI_TLS_CERT },
    (req, res) => void this.handle(req, res),
  );

  constructor(private readonly options: FakeOpenAIOptions) {
    if (options.latencyMs) this.faults.setLatency(options.latencyMs);
    for (const server of [this.plain, this.secure]) {
      server.on('upgrade', (req: IncomingMessage, socket: net.Socket, head: Buffer) =>
        this.upgrade(req, socket, head),
      );
    }
  }

  get port(): number {
    return (this.front.address() as AddressInfo).port;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}/v1`;
  }

  get realtimeURL(): string {
    return `wss://127.0.0.1:${this.port}/v1/realtime?intent=transcription`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.front.once('error', reject);
      this.front.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', resolve);
    });
  }

  async addScript(wavPath: string, groundTruthPath?: string): Promise<void> {
    const key = `${wavPath}\n${groundTruthPath ?? ''}`;
    if (!scripts.has(key)) scripts.set(key, loadScript(wavPath, groundTruthPath));
    this.matcher.add(await scripts.get(key)!);
  }

  onChat(nameOrHandler: string | ChatHandler, handler?: ChatHandler): void {
    if (typeof nameOrHandler === 'function') this.chat.fallback = nameOrHandler;
    else if (handler) this.chat.handlers.set(nameOrHandler, handler);
  }

  setFault(fault: FaultSpec): void {
    this.faults.add(fault);
  }

  clearFaults(route?: FakeRoute): void {
    this.faults.clear(route);
  }

  setLatency(ms: number, route?: FakeRoute): void {
    this.faults.setLatency(ms, route);
  }

  concurrency(route: FakeRoute): { now: number; max: number } {
    return { ...(this.inFlight.get(route) ?? { now: 0, max: 0 }) };
  }

  resetConcurrency(route?: FakeRoute): void {
    for (const [r, c] of this.inFlight) if (!route || r === route) c.max = c.now;
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const ws of this.wss.clients) ws.terminate();
    for (const socket of this.sockets) socket.destroy();
    await Promise.all([
      new Promise<void>((resolve) => this.wss.close(() => resolve())),
      new Promise<void>((resolve) => this.front.close(() => resolve())),
    ]);
  }

  /** One port for both: TLS ClientHellos (0x16) go to the https server, the rest to http. */
  private accept(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] !== 0x16) {
        this.plain.emit('connection', socket);
        socket.resume();
        return;
      }
      // TLS reads the handle directly and would miss the unshifted hello; feed it through a pipe.
      const [inner, outer] = duplexPair();
      const end = () => [socket, inner, outer].forEach((s) => s.destroy());
      for (const s of [socket, inner, outer]) s.on('close', end).on('error', end);
      socket.pipe(outer).pipe(socket);
      this.secure.emit('connection', inner);
    });
  }

  private log(entry: Omit<RequestLogEntry, 'id' | 'at'>): RequestLogEntry {
    const full = { id: this.requests.length + 1, at: Date.now(), ...entry };
    this.requests.push(full);
    return full;
  }

  private authError(req: IncomingMessage): OpenAIErrorBody | undefined {
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!key) {
      return errorBody(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = ROUTES[`${req.method} ${path}`];
    const log = this.log({ route: route ?? 'other', method: req.method ?? 'GET', path });
    res.on('finish', () => (log.status = res.statusCode));
    if (route) {
      const c = this.inFlight.get(route) ?? { now: 0, max: 0 };
      this.inFlight.set(route, c);
      c.max = Math.max(c.max, ++c.now);
      res.on('close', () => c.now--);
    }
    try {
      const unauthorized = this.authError(req);
      if (unauthorized) return sendError(res, 401, unauthorized);
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const ctx: RouteContext = {
        req,
        res,
        log,
        body: Buffer.concat(chunks),
        applyFaults: (routeKinds = []) => this.applyHttpFaults(route, ctx, routeKinds),
        send: (status, contentType, body) => {
          res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
          res.end(body);
        },
      };
      if (route === 'transcriptions') return await handleTranscription(ctx, this.transcriptionConfig());
      if (route === 'chat') return await handleChat(ctx, this.chat);
      if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, this.models());
      sendError(res, 404, errorBody(`Invalid URL (${req.method} ${path})`));
    } catch (err) {
      if (this.closing.signal.aborted) return void res.destroy();
      if (!res.headersSent)
        sendError(res, 500, errorBody(`fake-openai: ${String(err)}`, 'fake_openai_error'));
    }
  }

  private transcriptionConfig() {
    return {
      matcher: this.matcher,
      match: this.options.match ?? 'exact',
      strictModels: this.options.strictModels ?? true,
      transcribe: this.options.transcribe,
      unmatched: this.options.unmatched ?? 'silence',
      warn: this.options.onWarning ?? (() => undefined),
    };
  }

  private async applyHttpFaults(route: FakeRoute, ctx: RouteContext, routeKinds: readonly FaultKind[]) {
    const { delayMs, fault } = this.faults.take(route, [...HTTP_FAULTS, ...routeKinds]);
    ctx.log.fault = fault?.kind;
    if (delayMs) await sleep(delayMs, undefined, { signal: this.closing.signal });
    const { res } = ctx;
    const status = statusFault(fault?.kind, fault?.retryAfterSeconds ?? 1);
    if (status) {
      const retry = fault?.retryAfterSeconds ?? 1;
      const headers: Record<string, string> =
        status[0] === 429 ? { 'retry-after': String(retry), 'retry-after-ms': String(retry * 1000) } : {};
      sendJson(res, status[0], status[1], headers);
      return { handled: true };
    }
    if (fault?.kind === 'hang') return { handled: true };
    if (fault?.kind === 'reset') {
      ctx.req.socket.destroy();
      return { handled: true };
    }
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "fake", "object": <html>502 Bad Gateway</html>');
      return { handled: true };
    }
    if (fault?.kind === 'truncate') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"text": "Okay Right Um well this is the kick', () => res.destroy());
      return { handled: true };
    }
    return { handled: false, fault };
  }

  private models() {
    const ids = [
      'gpt-4o-transcribe',
      'gpt-4o-mini-transcribe',
      'gpt-4o-transcribe-diarize',
      'whisper-1',
      'gpt-4.1-mini',
    ];
    return {
      object: 'list',
      data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'system' })),
    };
  }

  private upgrade(req: IncomingMessage, socket: net.Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const log = this.log({
      route: 'realtime',
      method: 'GET',
      path: url.pathname,
      model: url.searchParams.get('model') ?? undefined,
    });
    const refuse = (status: number, body: OpenAIErrorBody, extra = '') => {
      log.status = status;
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\n${extra}content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    if (url.pathname !== '/v1/realtime') return refuse(404, errorBody(`Invalid URL (GET ${url.pathname})`));
    const unauthorized = this.authError(req);
    if (unauthorized) return refuse(401, unauthorized);
    const q = url.searchParams;
    if (q.get('intent') !== 'transcription' && !q.get('model') && !q.get('call_id')) {
      return refuse(
        400,
        errorBody(
          'Missing required parameter: model, intent=transcription or call_id.',
          'invalid_request_error',
          'model',
        ),
      );
    }
    const { fault } = this.faults.take('realtime', UPGRADE_FAULTS, false);
    log.fault = fault?.kind;
    if (fault?.kind === 'reset') return void socket.destroy();
    const status = statusFault(fault?.kind, fault?.retryAfterSeconds ?? 1);
    if (status)
      return refuse(
        status[0],
        status[1],
        status[0] === 429 ? `retry-after: ${fault?.retryAfterSeconds ?? 1}\r\n` : '',
      );
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      log.status = 101;
      new RealtimeSession(ws, url.pathname, {
        matcher: this.matcher,
        faults: this.faults,
        override: this.options.realtime,
        signal: this.closing.signal,
        log: (entry) => this.log(entry),
      });
    });
  }
}
