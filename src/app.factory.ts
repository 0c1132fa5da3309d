import { Logger as NestLogger, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { resolve } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { toErrorBody } from './common/all-exceptions.filter.js';
import { assertSafeJson } from './common/json-guard.js';
import { JSON_MAX_DEPTH } from './common/list-params.decorator.js';
import { MinaException } from './common/mina.exception.js';
import { requestIdFor } from './common/request-context.js';
import { type MinaConfig } from './config/config.js';
import { MinaIoAdapter } from './transcription/mina-io-adapter.js';

type IdRequest = Request & { id?: string };

/** The public contract (docs/contract.md), linked from the API docs page. */
export const CONTRACT_PATH = '/docs/contract.md';

/** Builds the configured Nest application; main.ts and the e2e tests share it. */
export async function createApp(config: MinaConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const logger = new NestLogger('Exceptions');
  app.useWebSocketAdapter(new MinaIoAdapter(app, config.corsOrigins));
  // A number means that many hops; otherwise a list of addresses/subnets ('loopback', 'uniquelocal', CIDRs).
  app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy.split(',').map((s) => s.trim()));
  app.disable('x-powered-by');

  app.use((req: IdRequest, res: Response, next: NextFunction) => {
    req.id = requestIdFor(req);
    res.setHeader('X-Request-Id', req.id);
    // API answers are per-caller (and login/refresh carry tokens): no browser or proxy may keep them.
    // A handler that knows better (e.g. audio with an ETag) sets its own header later.
    if (req.path.startsWith('/api/') || req.headers.authorization !== undefined) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'connect-src': ["'self'", 'ws:', 'wss:'], 'img-src': ["'self'", 'data:', 'blob:'] },
      },
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: ['Content-Range', 'X-Request-Id', ...TUS_HEADERS, 'Location', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size', 'Upload-Expires', 'Mina-Session-Id'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Workspace-Id', 'X-Request-Id', 'Range', ...TUS_HEADERS, 'Upload-Defer-Length', 'Upload-Concat', 'X-HTTP-Method-Override'],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    });
  }

  // JSON bodies only, parsed here so malformed or oversized bodies get the contract's error shape.
  const json = express.json({ limit: config.bodyLimitBytes, strict: true });
  const refuse = (req: IdRequest, res: Response, err: unknown) => {
    const body = toErrorBody(err, req.id);
    if (body.statusCode >= 500) logger.error({ err, requestId: req.id }, 'Unhandled error while reading a request');
    res.status(body.statusCode).json(body);
  };
  // A list's sort/range/filter are JSON too: the list parser checks them against the same depth.
  app.set(JSON_MAX_DEPTH, config.jsonMaxDepth);
  app.use((req: IdRequest, res: Response, next: NextFunction) => {
    json(req, res, (err?: unknown) => {
      if (err) return refuse(req, res, err);
      try {
        // Everything a handler can read is text: NUL in the URL, the query or the body is refused once, here.
        if (/%00/i.test(req.url)) throw new MinaException('INVALID_CHARACTER', 'The URL contains a NUL character');
        assertSafeJson(req.query, config.jsonMaxDepth, 'query string');
        if (req.body !== undefined) assertSafeJson(req.body, config.jsonMaxDepth);
      } catch (error) {
        return refuse(req, res, error);
      }
      next();
    });
  });
  app.use((req: IdRequest, res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json') && !takesMultipart(req) && !takesTus(req)) {
      const body = toErrorBody(new MinaException('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json'), req.id);
      res.status(body.statusCode).json(body);
      return;
    }
    next();
  });

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    }),
  );
  app.enableShutdownHooks();

  if (config.role !== 'worker') {
    const http = app.getHttpAdapter().getInstance();
    if (config.docs !== 'off') {
      const full = SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Mina API')
          .setDescription(`Meeting insights: live transcripts, summaries, tasks and analytics. See the [public contract](${CONTRACT_PATH}).`)
          .setVersion('1')
          .addBearerAuth()
          .build(),
      );
      // The public document maps what anyone may call; instance-admin surface is listed only with MINA_DOCS=full.
      const document = config.docs === 'full' ? full : { ...full, paths: Object.fromEntries(Object.entries(full.paths).filter(([path]) => !path.startsWith('/api/admin'))) };
      // Before the Swagger UI takes /docs/*. The file ships beside the build (docs/contract.md).
      http.get(CONTRACT_PATH, (req: Request, res: Response) => {
        res.type('text/markdown; charset=utf-8').sendFile(resolve('docs/contract.md'), (err) => {
          if (err && !res.headersSent) res.status(404).json(toErrorBody(new MinaException('NOT_FOUND', 'The contract is not part of this installation'), (req as IdRequest).id));
        });
      });
      SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
    }
    http.get('/', (_req: Request, res: Response) => res.redirect(302, '/admin/'));
  }
  return app;
}

/** The routes that take files: multipart/form-data parsed by their own bounded multer interceptor. */
const MULTIPART_ROUTES = [/^\/api\/sessions\/import(?:\?|$)/];

function takesMultipart(req: Request): boolean {
  return req.method === 'POST' && !!req.is('multipart/form-data') && MULTIPART_ROUTES.some((route) => route.test(req.originalUrl));
}

/** tus requests a browser sends and reads (CORS); the upload itself is the tus server's to read. */
const TUS_HEADERS = ['Tus-Resumable', 'Upload-Length', 'Upload-Metadata', 'Upload-Offset'];

/** tus bytes (creation-with-upload POST, PATCH) go to the tus server unparsed, on /api/uploads only. */
const TUS_ROUTE = /^\/api\/uploads(?:\/[^/?]+)?(?:\?|$)/;

function takesTus(req: Request): boolean {
  return (req.method === 'POST' || req.method === 'PATCH') && !!req.is('application/offset+octet-stream') && TUS_ROUTE.test(req.originalUrl);
}
