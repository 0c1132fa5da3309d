import { MinaException } from './mina.exception.js';

/**
 * What every parsed JSON value (a body, a list's sort/range/filter) must satisfy before any code
 * reads it. PostgreSQL refuses NUL in text and jsonb, and deep nesting overflows the stacks of
 * class-transformer, class-validator and jsonb alike: both used to surface as 500s, far from the
 * request that caused them. Iterative, so a hostile document cannot overflow this check either.
 */
export function assertSafeJson(value: unknown, maxDepth: number, where = 'request body'): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) throw new MinaException('INVALID_CHARACTER', `The ${where} contains a NUL character`);
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= maxDepth) throw new MinaException('JSON_TOO_DEEP', `The ${where} is nested deeper than ${maxDepth} levels`);
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(node)) {
      if (key.includes('\u0000')) throw new MinaException('INVALID_CHARACTER', `The ${where} contains a NUL character`);
      stack.push([item, depth + 1]);
    }
  }
}

/** Query strings and path segments are text too: a NUL in them is refused the same way. */
export function assertNoNul(text: string, where: string): void {
  if (text.includes('\u0000')) throw new MinaException('INVALID_CHARACTER', `The ${where} contains a NUL character`);
}
