import { Injectable } from '@nestjs/common';
import { RedisService } from '#src/redis/redis.service.js';
import type { PipelineLauncher } from '#src/sessions/pipeline-launcher.js';
import { PipelineEvents } from './pipeline-events.js';
import { PipelineQueues } from './pipeline-queues.js';

const DAY_S = 86_400;

/** What SessionsService.finalize hands a session to. Safe to call any number of times. */
@Injectable()
export class PipelineLauncherService implements PipelineLauncher {
  constructor(
    private readonly queues: PipelineQueues,
    private readonly events: PipelineEvents,
    private readonly redis: RedisService,
  ) {}

  async launch(session: { id: string; workspaceId: string }): Promise<void> {
    await this.queues.launch({ sessionId: session.id, workspaceId: session.workspaceId });
    // Relaunches (concurrent finalize calls, repairs) collapse into the first flow; announce it once.
    const first = await this.redis.client.set(this.redis.key('session', session.id, 'finalized'), '1', 'EX', DAY_S, 'NX');
    if (first === 'OK') this.events.emit(session.id, 'session_finalized');
  }
}
