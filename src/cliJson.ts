// `--json` written in pieces: numbers (typed arrays included) go out a chunk at a time, so an
// admitted analysis of any size prints without one giant string (V8 caps a string near 512 MB).
// Non-finite numbers become null, as in JSON.stringify, and are counted so the CLI can say so.

const CHUNK = 8192;

export interface JsonSink {
  write(s: string): void;
}

/** Writes `v` as indented JSON; returns how many non-finite numbers were written as null. */
export function writeJson(v: unknown, out: JsonSink): number {
  const w = new Writer(out);
  w.value(v, '');
  w.flush();
  return w.nonFinite;
}

class Writer {
  nonFinite = 0;
  private buf: string[] = [];
  private size = 0;

  constructor(private readonly out: JsonSink) {}

  value(v: unknown, indent: string): void {
    if (typeof v === 'number') this.number(v);
    else if (ArrayBuffer.isView(v) || (Array.isArray(v) && v.every((x) => typeof x === 'number'))) this.numbers(v as ArrayLike<number>);
    else if (Array.isArray(v)) this.list(v, indent);
    else if (v !== null && typeof v === 'object') this.object(v as Record<string, unknown>, indent);
    else this.put(JSON.stringify(v ?? null));
  }

  private number(x: number): void {
    if (Number.isFinite(x)) this.put(String(x));
    else {
      this.nonFinite++;
      this.put('null');
    }
  }

  /** A flat list of numbers on one line, in chunks. */
  private numbers(a: ArrayLike<number>): void {
    this.put('[');
    for (let i = 0; i < a.length; i++) {
      if (i) this.put(', ');
      this.number(a[i] as number);
    }
    this.put(']');
  }

  private list(a: unknown[], indent: string): void {
    if (!a.length) return this.put('[]');
    const inner = `${indent}  `;
    this.put('[\n');
    a.forEach((x, i) => {
      this.put(inner);
      this.value(x, inner);
      this.put(i < a.length - 1 ? ',\n' : '\n');
    });
    this.put(`${indent}]`);
  }

  private object(o: Record<string, unknown>, indent: string): void {
    const entries = Object.entries(o).filter(([, x]) => x !== undefined && typeof x !== 'function');
    if (!entries.length) return this.put('{}');
    const inner = `${indent}  `;
    this.put('{\n');
    entries.forEach(([k, x], i) => {
      this.put(`${inner}${JSON.stringify(k)}: `);
      this.value(x, inner);
      this.put(i < entries.length - 1 ? ',\n' : '\n');
    });
    this.put(`${indent}}`);
  }

  private put(s: string): void {
    this.buf.push(s);
    if (++this.size >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.buf.length) this.out.write(this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
}
