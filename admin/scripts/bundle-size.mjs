// Gzipped size of what the browser loads before any route's own chunk: the entry script,
// its modulepreloads and stylesheets, as listed in dist/index.html.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const files = [
  ...new Set([...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])),
];
const BUDGET = 500 * 1024;
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`${(size / 1024).toFixed(1).padStart(8)} KiB  ${file}`);
}
console.log(
  `${(total / 1024).toFixed(1).padStart(8)} KiB  initial total (gzip), budget ${BUDGET / 1024} KiB`,
);
if (total > BUDGET) {
  console.error('over budget');
  process.exit(1);
}
