import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { isPublicAddress } from './address-policy.js';

export class ForbiddenAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or otherwise non-public address`);
    this.name = 'ForbiddenAddressError';
  }
}

/**
 * A DNS lookup that refuses the connection when ANY address the name resolves to is not public:
 * the check happens on the very addresses the socket connects to, so a name that resolves to a
 * public address at registration and to 127.0.0.1 later (DNS rebinding) is still refused.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(new ForbiddenAddressError(hostname, bad.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface PostResult {
  status: number;
  /** The first bytes of the response, for the log; the rest is not read. */
  body: string;
}

const MAX_RESPONSE_BYTES = 16 * 1024;

/** Posts to a webhook URL: no redirects, the guarded lookup, timeouts, a bounded response read. */
export class SafeFetch {
  private readonly agent: Agent;

  constructor(private readonly allowPrivate: boolean, timeoutMs: number) {
    this.agent = new Agent({ connect: { lookup: guardedLookup(allowPrivate), timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  }

  async post(url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<PostResult> {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    // A literal address is never looked up, so the lookup guard would not see it.
    if (isIP(host) !== 0 && !this.allowPrivate && !isPublicAddress(host)) throw new ForbiddenAddressError(host, host);
    const res = await request(url, { method: 'POST', dispatcher: this.agent, headers: { 'content-type': 'application/json', 'user-agent': 'Mina-Webhooks/1', ...headers }, body, signal });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_RESPONSE_BYTES) break;
    }
    if (size >= MAX_RESPONSE_BYTES) res.body.destroy();
    return { status: res.statusCode, body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8') };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
