import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/**
 * Which addresses a webhook may reach. Only public unicast passes: loopback, private,
 * link-local (169.254.169.254 among them), unique-local, multicast, unspecified, CGNAT,
 * reserved and the IPv6 ranges that embed an IPv4 address (6to4, Teredo, NAT64) are refused,
 * and an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
 */
export function addressRange(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().range();
  return parsed.range();
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return addressRange(address) === 'unicast';
}

export type UrlProblem = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_FORBIDDEN';

/** Hostnames that name this machine whatever DNS says. */
const LOCAL_NAMES = /(^|\.)(localhost|localdomain)\.?$/i;

/**
 * The checks a URL can pass without DNS: http(s), no credentials, a host that is not a
 * forbidden literal address or a local name. Names are judged again at connect time, on every
 * address they resolve to (see safe-fetch.ts), which also defeats DNS rebinding.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean, maxLength: number): { problem: UrlProblem; reason: string } | undefined {
  if (raw.length > maxLength) return { problem: 'WEBHOOK_URL_INVALID', reason: `url is longer than ${maxLength} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'WEBHOOK_URL_INVALID', reason: 'url is not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: 'WEBHOOK_URL_INVALID', reason: 'url must be http or https' };
  if (url.username || url.password) return { problem: 'WEBHOOK_URL_INVALID', reason: 'url must not carry credentials' };
  if (allowPrivate) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 ? !isPublicAddress(host) : LOCAL_NAMES.test(host)) {
    return { problem: 'WEBHOOK_URL_FORBIDDEN', reason: `url points to a private, loopback or otherwise non-public address (${host})` };
  }
  return undefined;
}
