import { Writable } from 'node:stream';

const COPY = /^COPY ("(?:[^"]|"")+"|[^\s."]+)\.("(?:[^"]|"")+"|[^\s("]+) \(([^)]*)\) FROM stdin;$/;
const unquote = (ident: string): string => (ident.startsWith('"') ? ident.slice(1, -1).replace(/""/g, '"') : ident);
const BACKSLASH = 0x5c;
const DOT = 0x2e;
const NEWLINE = 0x0a;

/**
 * Reads the SQL script `pg_restore -f -` prints and counts the rows of each table's COPY block
 * (one line per row; `\.` ends the block), keeping the rows of the tables named in `capture`.
 * Verification without a database: every data block of the archive is read and counted.
 */
export class CopyCounter extends Writable {
  readonly tables: Record<string, number> = {};
  readonly captured = new Map<string, { columns: string[]; rows: string[] }>();
  private current?: { table: string; rows: number; capture?: string[] };
  private carry = Buffer.alloc(0);

  constructor(private readonly capture: ReadonlySet<string> = new Set()) {
    super();
  }

  override _write(chunk: Buffer, _: BufferEncoding, done: (error?: Error | null) => void): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      this.line(buf, start, nl);
      start = nl + 1;
    }
    this.carry = Buffer.from(buf.subarray(start));
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.carry.length > 0) this.line(this.carry, 0, this.carry.length);
    done(this.current ? new Error(`the COPY block of ${this.current.table} never ends`) : null);
  }

  private line(buf: Buffer, start: number, end: number): void {
    const current = this.current;
    if (current) {
      if (end - start === 2 && buf[start] === BACKSLASH && buf[start + 1] === DOT) {
        this.tables[current.table] = current.rows;
        this.current = undefined;
        return;
      }
      current.rows += 1;
      current.capture?.push(buf.toString('utf8', start, end));
      return;
    }
    if (buf[start] !== 0x43 || buf.toString('latin1', start, start + 5) !== 'COPY ') return;
    const match = COPY.exec(buf.toString('utf8', start, end));
    if (!match) return;
    const table = `${unquote(match[1])}.${unquote(match[2])}`;
    const capture = this.capture.has(table) ? [] : undefined;
    if (capture) this.captured.set(table, { columns: match[3].split(', ').map(unquote), rows: capture });
    this.current = { table, rows: 0, capture };
  }

  /** One column of a captured table, COPY text escapes undone for the common cases. */
  column(table: string, column: string): string[] {
    const data = this.captured.get(table);
    const index = data?.columns.indexOf(column) ?? -1;
    if (!data || index < 0) return [];
    return data.rows.map((row) => row.split('\t')[index].replace(/\\t/g, '\t').replace(/\\n/g, '\n').replace(/\\\\/g, '\\'));
  }
}
