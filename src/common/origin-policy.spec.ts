import { describe, expect, it } from 'vitest';
import { originAllowed } from './origin-policy.js';

describe('originAllowed', () => {
  const listed = ['https://console.example.com'];
  it.each<[string | undefined, string | undefined, string[], boolean, string]>([
    [undefined, 'api.example.com', [], true, 'no Origin: not a cross-site browser request'],
    ['', 'api.example.com', [], true, 'empty Origin'],
    ['https://api.example.com', 'api.example.com', [], true, 'the page itself'],
    ['http://API.example.com', 'api.example.com', [], true, 'scheme and case do not matter, the authority does'],
    ['https://api.example.com:8443', 'api.example.com', [], false, 'another port is another origin'],
    ['https://evil.example.net', 'api.example.com', [], false, 'foreign, nothing listed'],
    ['https://console.example.com', 'api.example.com', listed, true, 'listed'],
    ['https://console.example.com.evil.net', 'api.example.com', listed, false, 'prefix of a listed origin'],
    ['null', 'api.example.com', listed, false, 'opaque origin (sandboxed frame, file://)'],
    ['https://api.example.com', undefined, [], false, 'no Host to compare with'],
  ])('%s against host %s (%j) → %s: %s', (origin, host, allowed, expected, _why) => {
    expect(originAllowed(origin, host, allowed)).toBe(expected);
  });
});
