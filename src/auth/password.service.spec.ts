import { describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config.js';
import { MinaException } from '#src/common/mina.exception.js';
import { PasswordService } from './password.service.js';

describe('PasswordService', () => {
  it('bounds concurrent hashing: past the concurrency and the queue, callers get AUTH_BUSY (503) at once', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), MINA_PASSWORD_HASH_CONCURRENCY: '1', MINA_PASSWORD_HASH_QUEUE: '1' });
    const passwords = new PasswordService(config);
    const hashed = await passwords.hash('correct horse battery');
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => passwords.verify(hashed, 'correct horse battery')));
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual([true, true]);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as MinaException);
    expect(refused.map((e) => [e.code, e.status, e.details?.retryAfterSeconds])).toEqual(Array(3).fill(['AUTH_BUSY', 503, 1]));
  });
});
