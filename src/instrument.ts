import * as Sentry from '@sentry/nestjs';

// Imported before anything else so Sentry can instrument modules as they load; a no-op without a DSN.
if (process.env.SENTRY_DSN) {
  Sentry.init({
    dsn: process.env.SENTRY_DSN,
    environment: process.env.NODE_ENV ?? 'development',
    sendDefaultPii: false,
    tracesSampleRate: 0,
    // sendDefaultPii=false still attaches request headers: credentials must never leave the process.
    beforeSend(event) {
      const headers = event.request?.headers ?? {};
      for (const name of Object.keys(headers)) if (/^(authorization|cookie|x-api-key)$/i.test(name)) headers[name] = '[redacted]';
      return event;
    },
  });
}
