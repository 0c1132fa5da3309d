import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SealedState, type PendingSignIn } from './sealed-state.js';

const pending: PendingSignIn = {
  state: 'state-1',
  nonce: 'nonce-1',
  codeVerifier: 'verifier-1',
  redirectUri: 'https://mina.example/api/auth/oidc/callback',
  expiresAt: 1_000_000,
};
const sealer = new SealedState('a-secret-that-is-long-enough-for-the-tests');

describe('SealedState', () => {
  it('opens what it sealed, before it expires', () => {
    expect(sealer.open(sealer.seal(pending), 999_999)).toEqual(pending);
  });

  it.each([
    ['expired', sealer.seal(pending), 1_000_000],
    ['missing', undefined, 0],
    ['empty', '', 0],
    ['too short', 'AAAA', 0],
    ['another key', new SealedState('another-secret-that-is-long-enough-too').seal(pending), 0],
    ['oversized', 'A'.repeat(5000), 0],
    ['not sealed JSON', Buffer.from(JSON.stringify(pending)).toString('base64url'), 0],
  ] as const)('refuses a value that is %s', (_, value, now) => {
    expect(sealer.open(value, now)).toBeNull();
  });

  it('refuses a sealed value missing a field', () => {
    expect(sealer.open(sealer.seal({ ...pending, nonce: '' }), 0)).toBeNull();
  });

  it('seals the same sign-in differently each time (fresh IV)', () => {
    expect(sealer.seal(pending)).not.toBe(sealer.seal(pending));
  });

  it('refuses any tampering with one byte', () => {
    const sealed = Buffer.from(sealer.seal(pending), 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: sealed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const tampered = Buffer.from(sealed);
        tampered[at] ^= flip;
        expect(sealer.open(tampered.toString('base64url'), 0)).toBeNull();
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (value) => {
        expect(sealer.open(value, 0)).toBeNull();
      }),
    );
  });
});
