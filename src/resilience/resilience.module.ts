import { Global, Module } from '@nestjs/common';
import { CircuitBreakers } from './circuit-breakers.service.js';

/** Circuit breakers, timeouts, retries and bulkheads for every call that leaves the process. */
@Global()
@Module({ providers: [CircuitBreakers], exports: [CircuitBreakers] })
export class ResilienceModule {}
