import './instrument.js';
import 'reflect-metadata';
import { ConfigError, loadConfig, redactedConfig } from './config/config.js';
import { guardProcess } from './observability/process-guard.js';
import { ensureRedis } from './redis/redis-launcher.js';

const REQUIRED_NODE_MAJOR = 24;

async function bootstrap(): Promise<void> {
  guardProcess();
  const major = Number(process.versions.node.split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) {
    console.error(`Mina needs Node ${REQUIRED_NODE_MAJOR}+ (this is ${process.version}). Run it through npm (npm start), which uses the pinned Node.`);
    process.exit(1);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  try {
    const redis = await ensureRedis(config.redisUrl, config.redisUrlDefaulted, config.dataDir);
    config = { ...config, redisUrl: redis.url };
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  const { createApp } = await import('./app.factory.js');
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const { Logger } = await import('@nestjs/common');
  const logger = new Logger('Mina');
  logger.log({ config: redactedConfig(config) }, 'Configuration');
  logger.log(`Mina (${config.role}) listening on http://localhost:${config.port} — console at /admin, API docs at /docs`);
}

bootstrap().catch((error: unknown) => {
  console.error('Mina failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
