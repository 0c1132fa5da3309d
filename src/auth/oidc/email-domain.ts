/**
 * Is this email's domain one of the allowed ones? `example.com` allows exactly that domain,
 * `*.example.com` its subdomains (not itself); an empty list allows every domain. The domain is
 * what follows the last `@`, compared case-insensitively.
 */
export function emailDomainAllowed(email: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return false;
  const domain = email.slice(at + 1).toLowerCase().replace(/\.$/, '');
  return allowed.some((rule) => {
    const pattern = rule.toLowerCase();
    if (pattern.startsWith('*.')) return domain.endsWith(pattern.slice(1)) && domain.length > pattern.length - 1;
    return domain === pattern;
  });
}
