import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { bearerMatches } from './metrics-access.js';
import { MetricsService } from './metrics.service.js';

/**
 * MINA_METRICS_PORT: /metrics on a port of its own, which the network keeps private (Prometheus
 * reaches it, the load balancer does not). MINA_METRICS_TOKEN, when set, is asked for here too.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | undefined;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(MINA_CONFIG) private readonly config: MinaConfig,
  ) {}

  /** The bound port (MINA_METRICS_PORT=0 picks a free one), or undefined when off. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { metricsPort, metricsToken, host } = this.config;
    if (metricsPort === undefined) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      if (metricsToken !== undefined && !bearerMatches(req.headers.authorization, metricsToken)) {
        res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer' }).end('Unauthorized\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' }).end(text),
        (error: Error) => {
          this.logger.error(`Metrics scrape failed: ${error.message}`);
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Scrape failed\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(metricsPort, host, () => resolve());
    });
    this.server = server;
    this.logger.log(`Metrics on http://${host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
