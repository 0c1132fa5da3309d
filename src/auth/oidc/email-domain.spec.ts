import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailDomainAllowed } from './email-domain.js';

describe('emailDomainAllowed', () => {
  it.each([
    ['ann@example.com', [], true],
    ['ann@example.com', ['example.com'], true],
    ['ann@EXAMPLE.com', ['example.com'], true],
    ['ann@example.com.', ['example.com'], true],
    ['ann@sub.example.com', ['example.com'], false],
    ['ann@sub.example.com', ['*.example.com'], true],
    ['ann@a.b.example.com', ['*.example.com'], true],
    ['ann@example.com', ['*.example.com'], false],
    ['ann@badexample.com', ['*.example.com'], false],
    ['ann@badexample.com', ['example.com'], false],
    ['ann@example.com@evil.test', ['example.com'], false],
    ['"ann@example.com"@evil.test', ['example.com'], false],
    ['ann@evil.test', ['example.com', 'evil.test'], true],
    ['ann@', ['example.com'], false],
    ['@example.com', ['example.com'], false],
    ['no-at-sign', ['example.com'], false],
  ] as const)('%s with %j → %s', (email, allowed, expected) => {
    expect(emailDomainAllowed(email, allowed)).toBe(expected);
  });

  it('never allows an address whose domain is not exactly an allowed one or below a wildcard', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), label, label, (local, a, b) => {
        const domain = `${a}.${b}`;
        const email = `${local}@${domain}`;
        expect(emailDomainAllowed(email, ['allowed.test'])).toBe(domain === 'allowed.test');
        expect(emailDomainAllowed(email, ['*.allowed.test'])).toBe(false);
      }),
    );
  });
});
