import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENTS, Server } from '@tus/server';
import type { TenantContext } from '#src/authz/tenant.js';
import { toErrorBody } from '#src/common/all-exceptions.filter.js';
import { MinaException, type ErrorCode } from '#src/common/mina.exception.js';
import { MINA_CONFIG } from '#src/config/config.module.js';
import type { MinaConfig } from '#src/config/config.js';
import { withContext } from '#src/database/with-context.js';
import { UploadFiles } from './upload-files.js';
import { tooLarge, UploadsService } from './uploads.service.js';

/** The Node request as our middleware and guards left it. */
interface MinaRequest {
  tenant?: TenantContext;
  id?: string;
}

/** What the tus hooks receive: a web Request that still carries the Node request the guards decorated. */
interface TusRequest {
  runtime?: { node?: { req: object; res?: object } };
}

export const UPLOADS_PATH = '/api/uploads';

/** Headers the browser console must be able to read on tus answers. */
export const UPLOAD_EXPOSED_HEADERS = ['Mina-Session-Id', 'X-Request-Id', 'Content-Range'];

const TUS_ERROR_CODES: Record<number, ErrorCode> = { 400: 'BAD_REQUEST', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 410: 'UPLOAD_EXPIRED', 412: 'BAD_REQUEST', 413: 'UPLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

function nodeOf(req: TusRequest): { req: MinaRequest; res: ServerResponse } {
  const node = req.runtime?.node;
  if (!node?.res) throw new Error('tus request without its Node request');
  return { req: node.req, res: node.res as ServerResponse };
}

function tenantOf(req: TusRequest): TenantContext {
  const tenant = nodeOf(req).req.tenant;
  // The controller's guards resolve it before tus sees the request; without it nothing may pass.
  if (!tenant) throw new MinaException('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <accessToken> and X-Workspace-Id');
  return tenant;
}

/** tus writes its own headers last; an error body it sends is ours, so it says it is JSON. */
function answerJson(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const json = 'application/json; charset=utf-8';
  res.writeHead = ((...args: unknown[]) => {
    // Headers come as a flat [name, value, …] list, a list of pairs, or an object, depending on the path srvx takes.
    for (const arg of args) {
      if (Array.isArray(arg)) {
        for (let i = 0; i < arg.length; i++) {
          const item: unknown = arg[i];
          if (Array.isArray(item) && String(item[0]).toLowerCase() === 'content-type') item[1] = json;
          else if (i % 2 === 0 && typeof item === 'string' && item.toLowerCase() === 'content-type') arg[i + 1] = json;
        }
      } else if (typeof arg === 'object' && arg !== null) {
        for (const key of Object.keys(arg)) if (key.toLowerCase() === 'content-type') (arg as Record<string, string>)[key] = json;
      }
    }
    return writeHead(...args);
  });
}

/**
 * The tus 1.0 server (@tus/server 2) at /api/uploads: files on disk (@tus/file-store), ids are
 * uuids we generate, Location is relative (right behind any proxy), and every hook reaches the
 * domain through UploadsService. Errors leave as the API's JSON error body with a code.
 */
@Injectable()
export class UploadsTus {
  private readonly logger = new Logger(UploadsTus.name);
  readonly server: Server;

  constructor(
    files: UploadFiles,
    private readonly uploads: UploadsService,
    private readonly orm: MikroORM,
    @Inject(MINA_CONFIG) config: MinaConfig,
  ) {
    this.server = new Server({
      path: UPLOADS_PATH,
      datastore: files.store,
      relativeLocation: true,
      maxSize: config.uploadMaxBytes,
      namingFunction: () => randomUUID(),
      disableTerminationForFinishedUploads: true,
      allowedOrigins: config.corsOrigins,
      allowedCredentials: config.corsOrigins.length > 0,
      exposedHeaders: UPLOAD_EXPOSED_HEADERS,
      onUploadCreate: async (req, upload) => {
        const sessionId = await this.uploads.create(tenantOf(req), upload.id, upload.size, upload.metadata);
        // Named at creation, so a client can follow the session (its room, its status) while the bytes go up.
        nodeOf(req).res.setHeader('Mina-Session-Id', sessionId);
        return {};
      },
      onIncomingRequest: async (req, id) => {
        // A creation's id is the new one; every other method names an upload that must be this workspace's.
        if (req.method !== 'POST') await this.uploads.authorize(tenantOf(req), id);
      },
      onUploadFinish: async (_req, upload) => {
        const settled = await this.uploads.finish(upload.id);
        return { headers: { 'Mina-Session-Id': settled.sessionId } };
      },
      onResponseError: (req, err) => this.errorBody(req, err, config.uploadMaxBytes),
    });
    this.server.on(EVENTS.POST_RECEIVE, (_req: unknown, upload: { id: string; offset: number }) => this.background(`progress of ${upload.id}`, () => this.uploads.progress(upload.id, upload.offset)));
    this.server.on(EVENTS.POST_TERMINATE, (_req: unknown, _res: unknown, id: string) => this.background(`cancel of ${id}`, () => this.uploads.cancelled(id)));
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    return this.server.handle(req, res);
  }

  /** Events fire outside the request's unit of work; a failure is logged, the upload goes on. */
  private background(what: string, work: () => Promise<void>): void {
    withContext(this.orm, work).catch((error: Error) => this.logger.warn(`Upload ${what} failed: ${error.message}`));
  }

  private errorBody(req: TusRequest, err: Error | { status_code: number; body: string }, maxBytes: number): { status_code: number; body: string } {
    const node = nodeOf(req);
    let error: unknown = err;
    if (!(err instanceof MinaException) && 'status_code' in err && err.status_code < 500) {
      error = err.status_code === 413 ? tooLarge(maxBytes) : new MinaException(TUS_ERROR_CODES[err.status_code] ?? 'BAD_REQUEST', err.body.trim());
    }
    const body = toErrorBody(error, node.req.id);
    if (body.statusCode >= 500) this.logger.error({ err, requestId: node.req.id }, 'Upload request failed');
    answerJson(node.res);
    return { status_code: body.statusCode, body: JSON.stringify(body) };
  }
}
