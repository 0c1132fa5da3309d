import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '#src/auth/api-key-grant.js';

/*
 * mina_<lookup><secret>, all base62 so a double-click selects the whole key:
 * - lookup: 12 characters, stored in clear under a unique index; it finds the row in one query and
 *   is part of the visible prefix, so it carries no secrecy;
 * - secret: 47 characters, 279 bits; the last 4 are shown for recognition, leaving 256 unknown bits.
 * Only the SHA-256 of the whole key is stored: with this much entropy a fast hash is right (no
 * dictionary to slow down), and it keeps authentication at one hash per request.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const LOOKUP_LENGTH = 12;
export const SECRET_LENGTH = 47;
export const LAST_CHARS = 4;
const SHAPE = new RegExp(`^${API_KEY_PREFIX}([0-9A-Za-z]{${LOOKUP_LENGTH}})[0-9A-Za-z]{${SECRET_LENGTH}}$`);

/** Uniform base62: bytes ≥ 248 are dropped (62 × 4 = 248), so no character is likelier than another. */
function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export interface NewApiKey {
  key: string;
  lookup: string;
  hash: string;
  lastChars: string;
}

export function generateApiKey(): NewApiKey {
  const lookup = base62(LOOKUP_LENGTH);
  const key = `${API_KEY_PREFIX}${lookup}${base62(SECRET_LENGTH)}`;
  return { key, lookup, hash: hashApiKey(key), lastChars: key.slice(-LAST_CHARS) };
}

/** The lookup part of a well-formed key, undefined for anything else. */
export const parseApiKey = (key: string): string | undefined => SHAPE.exec(key)?.[1];

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Constant-time comparison of a presented key with a stored hash. */
export function keyMatches(key: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(key).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** What the console shows to recognise a key: its public prefix and last characters. */
export const displayPrefix = (lookup: string): string => `${API_KEY_PREFIX}${lookup}`;
