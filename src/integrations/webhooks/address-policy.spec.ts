import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPublicAddress } from './address-policy.js';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['127.5.6.7', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['2002:7f00:1::', false],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('checkWebhookUrl', () => {
  it.each([
    ['https://example.com/hook', false, undefined],
    ['http://example.com:8080/hook', false, undefined],
    ['ftp://example.com/x', false, 'WEBHOOK_URL_INVALID'],
    ['not a url', false, 'WEBHOOK_URL_INVALID'],
    ['https://user:pw@example.com/', false, 'WEBHOOK_URL_INVALID'],
    [`https://example.com/${'a'.repeat(2048)}`, false, 'WEBHOOK_URL_INVALID'],
    ['http://127.0.0.1:3000/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://localhost/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://api.localhost/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://[::1]/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://[::ffff:7f00:1]/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://169.254.169.254/latest/meta-data', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://0x7f000001/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://2130706433/', false, 'WEBHOOK_URL_FORBIDDEN'],
    ['http://127.0.0.1:3000/', true, undefined],
    ['http://localhost/', true, undefined],
    ['ftp://localhost/', true, 'WEBHOOK_URL_INVALID'],
  ])('%s (allow private: %s) → %s', (url, allow, problem) => {
    expect(checkWebhookUrl(url, allow, 2048)?.problem).toBe(problem);
  });
});
