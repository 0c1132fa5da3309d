import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { type MinaConfig } from '../config/config.js';
import { requestIdFor } from '../common/request-context.js';

/** Structured JSON logs; every line of a request carries its id; credentials never reach a log. */
export function loggerOptions(config: MinaConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => {
        const id = (req as { id?: unknown }).id;
        return typeof id === 'string' ? id : requestIdFor(req);
      },
      customAttributeKeys: { reqId: 'requestId' },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'res.headers["set-cookie"]',
          '*.password',
          '*.passwordHash',
          '*.accessToken',
          '*.refreshToken',
          '*.token',
          '*.apiKey',
          'err.config.headers.Authorization',
        ],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string; headers: Record<string, unknown> }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          headers: { 'user-agent': req.headers['user-agent'], authorization: req.headers.authorization },
        }),
      },
    },
    forRoutes: ['*path'],
  };
}
