// A thin reader over a parsed YAML document that remembers where each node came from, so that
// every catalogue error names the file and the line.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}`);
  }
}

export class YamlNode {
  constructor(
    readonly node: Node | null | undefined,
    readonly file: string,
    private readonly lines: LineCounter,
    readonly path: string,
  ) {}

  get line(): number | undefined {
    const start = this.node?.range?.[0];
    return start === undefined ? undefined : this.lines.linePos(start).line;
  }

  fail(problem: string): never {
    throw new CatalogError(this.file, this.line, this.path ? `${this.path}: ${problem}` : problem);
  }

  get exists(): boolean {
    return this.node !== null && this.node !== undefined && !(isScalar(this.node) && this.node.value === null);
  }

  isMap(): boolean {
    return isMap(this.node);
  }

  isList(): boolean {
    return isSeq(this.node);
  }

  /** The child at `key`; a missing key gives a node that does not exist (check `.exists`). */
  get(key: string): YamlNode {
    if (!isMap(this.node)) this.fail('must be a mapping');
    const child = this.node.get(key, true) as Node | undefined;
    return new YamlNode(child ?? undefined, this.file, this.lines, this.path ? `${this.path}.${key}` : key).withFallbackLine(this);
  }

  private fallback?: YamlNode;
  private withFallbackLine(parent: YamlNode): YamlNode {
    if (!this.node) this.fallback = parent;
    return this;
  }

  /** Keys of a mapping, in order. */
  keys(): string[] {
    if (!isMap(this.node)) this.fail('must be a mapping');
    return this.node.items.map((i) => String(isScalar(i.key) ? i.key.value : i.key));
  }

  entries(): [string, YamlNode][] {
    return this.keys().map((k) => [k, this.get(k)]);
  }

  items(): YamlNode[] {
    if (!isSeq(this.node)) this.fail('must be a list');
    return this.node.items.map((n, i) => new YamlNode(n as Node, this.file, this.lines, `${this.path}[${i + 1}]`));
  }

  /** Fails with the line of the nearest node that exists. */
  failHere(problem: string): never {
    if (!this.node && this.fallback) throw new CatalogError(this.file, this.fallback.line, `${this.path}: ${problem}`);
    return this.fail(problem);
  }

  string(options: { pattern?: RegExp; describe?: string } = {}): string {
    if (!this.exists) this.failHere('is missing');
    const value = isScalar(this.node) ? this.node.value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') this.fail('must be a text');
    const text = String(value);
    if (options.pattern && !options.pattern.test(text))
      this.fail(`"${text}" is not ${options.describe ?? `of the form ${options.pattern}`}`);
    return text;
  }

  optionalString(options: { pattern?: RegExp; describe?: string } = {}): string | undefined {
    return this.exists ? this.string(options) : undefined;
  }

  number(options: { min?: number; max?: number; integer?: boolean } = {}): number {
    if (!this.exists) this.failHere('is missing');
    const value = isScalar(this.node) ? this.node.value : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail('must be a number');
    if (options.integer && !Number.isInteger(value)) this.fail('must be a whole number');
    if (options.min !== undefined && value < options.min) this.fail(`must be at least ${options.min}`);
    if (options.max !== undefined && value > options.max) this.fail(`must be at most ${options.max}`);
    return value;
  }

  optionalNumber(options: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    return this.exists ? this.number(options) : undefined;
  }

  /** A yes/no value (`true` or `false`); `fallback` when absent. */
  boolean(fallback: boolean): boolean {
    if (!this.exists) return fallback;
    const value = isScalar(this.node) ? this.node.value : undefined;
    if (typeof value !== 'boolean') this.fail('must be true or false');
    return value;
  }

  oneOf<T extends string>(allowed: readonly T[], fallback?: T): T {
    if (!this.exists && fallback !== undefined) return fallback;
    const text = this.string();
    if (!(allowed as readonly string[]).includes(text)) this.fail(`"${text}" is not one of ${allowed.join(', ')}`);
    return text as T;
  }

  /** A list of texts; a single text is taken as a list of one. */
  strings(): string[] {
    if (!this.exists) return [];
    if (isScalar(this.node)) return [this.string()];
    return this.items().map((i) => i.string());
  }

  /** Refuses keys the format does not know, so that a typo does not pass silently. */
  onlyKeys(allowed: readonly string[]): void {
    if (!isMap(this.node)) this.fail('must be a mapping');
    for (const item of this.node.items) {
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      if (allowed.includes(key)) continue;
      // The key's own position: its value may be empty and have none.
      const at = new YamlNode(item.key as Node, this.file, this.lines, this.path ? `${this.path}.${key}` : key);
      at.fail(`unknown key (expected one of ${allowed.join(', ')})`);
    }
  }
}

export function readYaml(text: string, file: string): YamlNode {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new CatalogError(file, lines.linePos(e.pos[0]).line, e.message.split('\n')[0]!);
  }
  return new YamlNode(doc.contents as Node, file, lines, '');
}
