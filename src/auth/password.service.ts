import { Algorithm, hash, verify } from '@node-rs/argon2';
import { Inject, Injectable } from '@nestjs/common';
import { MINA_CONFIG } from '../config/config.module.js';
import { type MinaConfig } from '../config/config.js';
import { MinaException } from '../common/mina.exception.js';
import { Bulkhead, BulkheadRejected } from './hash-bulkhead.js';

// OWASP's argon2id baseline (19 MiB, t=2, p=1): ~20 ms a hash on this class of machine.
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordService {
  /** A hash verified against when the email is unknown, so both failures take the same time. */
  private decoy: Promise<string> | undefined;
  private readonly bulkhead: Bulkhead;

  constructor(@Inject(MINA_CONFIG) config: MinaConfig) {
    const { hashConcurrency, hashQueue, hashWaitMs } = config.authLimits;
    this.bulkhead = new Bulkhead(hashConcurrency, hashQueue, hashWaitMs);
  }

  hash(password: string): Promise<string> {
    return this.bounded(() => hash(password, OPTIONS));
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    this.decoy ??= hash('decoy-password-for-timing', OPTIONS);
    const target = passwordHash ?? (await this.decoy);
    return this.bounded(async () => {
      try {
        return await verify(target, password);
      } catch {
        return false;
      }
    });
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await this.bulkhead.run(work);
    } catch (error) {
      if (error instanceof BulkheadRejected) {
        throw new MinaException('AUTH_BUSY', 'Too many sign-ins and registrations at once; try again shortly', { retryAfterSeconds: 1 });
      }
      throw error;
    }
  }
}
