import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from '#src/common/origin-policy.js';

/**
 * The Socket.IO server under CORS_ORIGINS, as HTTP is: listed origins get CORS headers on the polling
 * transport, and a handshake from any other foreign origin is refused (websocket upgrades carry no
 * CORS, so without this any site could open a socket with a token it got hold of).
 */
export class MinaIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly corsOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.corsOrigins;
    return super.createIOServer(port, {
      ...options,
      ...(origins.length > 0 ? { cors: { origin: [...origins], credentials: true } } : {}),
      allowRequest: (req: IncomingMessage, fn: (err: string | null | undefined, success: boolean) => void) => {
        const ok = originAllowed(req.headers.origin, req.headers.host, origins);
        fn(ok ? null : 'Origin not allowed', ok);
      },
    } as ServerOptions);
  }
}
