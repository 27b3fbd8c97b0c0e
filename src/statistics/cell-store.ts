// The cells of one submission while a file is imported (pure): what was stored before and what
// the file gives, kept in typed arrays with interned texts, so that an import of millions of
// values keeps a few dozen bytes per value instead of objects per row. It answers what the import
// must know at every row (is the cell stored, with what; was it given earlier in the file) and,
// at the end, the submission's values for validation and the audit's old and new values.
import type { SpecialCode, StoredValue } from './values.js';

/** Texts by number: each distinct variable, org unit or coordinates key is kept once per import. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  private readonly quoted: string[] = [];

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  /** The text as a JSON string literal, made once. */
  json(id: number): string {
    return (this.quoted[id] ??= JSON.stringify(this.texts[id]));
  }
}

/** What the import did to a cell; `absent`: the file removes a cell that is not stored (nothing to do). */
export const CELL = { stored: 0, created: 1, changed: 2, unchanged: 3, removed: 4, absent: 5 } as const;
export type CellState = (typeof CELL)[keyof typeof CELL];

/** A value as one byte beside its number: a number, one of the special codes, or nothing. */
const KINDS = [null, 'NA', 'NAP', 'NQ'] as const;
const NOTHING = 4;
/** A coded answer (one code of its variable's code list), kept by slot. */
const ANSWER = 5;

function kindOf(num: number | null, code: SpecialCode | null): number {
  if (code !== null) {
    const k = KINDS.indexOf(code);
    return k < 0 ? ANSWER : k;
  }
  return num === null ? NOTHING : 0;
}

export interface CellValue {
  num: number | null;
  code: SpecialCode | null;
  comment: string | null;
  obsStatus: string | null;
  /** Evidence links as stored (a JSON array), or null. */
  evidence?: string | null;
}

export class SubmissionCells {
  size = 0;
  private capacity = 0;
  private variable = new Int32Array(0);
  private unit = new Int32Array(0);
  private coords = new Int32Array(0);
  private num = new Float64Array(0);
  private kind = new Uint8Array(0);
  private states = new Uint8Array(0);
  /** Position of the cell's row among the submission's rows of the file (1-based; 0: not in the file). */
  private ordinal = new Int32Array(0);
  private oldNum = new Float64Array(0);
  private oldKind = new Uint8Array(0);
  // Comments and observation statuses are rare: kept by slot.
  private readonly comments = new Map<number, string>();
  private readonly statuses = new Map<number, string>();
  private readonly oldComments = new Map<number, string>();
  // Coded answers and evidence links, rarer still.
  private readonly answers = new Map<number, string>();
  private readonly oldAnswers = new Map<number, string>();
  private readonly evidence = new Map<number, string>();
  // Open addressing: slot + 1 by hash of (variable, unit, coords), 0 for an empty place.
  private table = new Int32Array(16);

  constructor(
    readonly variables: Interner,
    readonly units: Interner,
    readonly coordsKeys: Interner,
  ) {}

  private grow(): void {
    const capacity = Math.max(1024, this.capacity * 2);
    const copy = <T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => (to.set(from), to);
    this.variable = copy(this.variable, new Int32Array(capacity));
    this.unit = copy(this.unit, new Int32Array(capacity));
    this.coords = copy(this.coords, new Int32Array(capacity));
    this.num = copy(this.num, new Float64Array(capacity));
    this.kind = copy(this.kind, new Uint8Array(capacity));
    this.states = copy(this.states, new Uint8Array(capacity));
    this.ordinal = copy(this.ordinal, new Int32Array(capacity));
    this.oldNum = copy(this.oldNum, new Float64Array(capacity));
    this.oldKind = copy(this.oldKind, new Uint8Array(capacity));
    this.capacity = capacity;
  }

  private static hash(v: number, u: number, c: number): number {
    let h = Math.imul(v, 0x9e3779b1) ^ Math.imul(u + 0x7f4a7c15, 0x85ebca6b) ^ Math.imul(c + 0x165667b1, 0xc2b2ae35);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) >>> 0;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let slot = 0; slot < this.size; slot += 1) {
      let at = SubmissionCells.hash(this.variable[slot]!, this.unit[slot]!, this.coords[slot]!) & mask;
      while (table[at] !== 0) at = (at + 1) & mask;
      table[at] = slot + 1;
    }
    this.table = table;
  }

  /** The slot of a cell, or -1. */
  find(variable: number, unit: number, coords: number): number {
    const mask = this.table.length - 1;
    for (let at = SubmissionCells.hash(variable, unit, coords) & mask; ; at = (at + 1) & mask) {
      const entry = this.table[at]!;
      if (entry === 0) return -1;
      const slot = entry - 1;
      if (this.variable[slot] === variable && this.unit[slot] === unit && this.coords[slot] === coords) return slot;
    }
  }

  /** Adds a cell not yet known (find() gave -1) with its value; returns its slot. */
  add(variable: number, unit: number, coords: number, value: CellValue, state: CellState, ordinal: number): number {
    if (this.size === this.capacity) this.grow();
    if ((this.size + 1) * 2 > this.table.length) this.rehash();
    const slot = this.size;
    this.size += 1;
    this.variable[slot] = variable;
    this.unit[slot] = unit;
    this.coords[slot] = coords;
    this.states[slot] = state;
    this.ordinal[slot] = ordinal;
    this.put(slot, value);
    const mask = this.table.length - 1;
    let at = SubmissionCells.hash(variable, unit, coords) & mask;
    while (this.table[at] !== 0) at = (at + 1) & mask;
    this.table[at] = slot + 1;
    return slot;
  }

  private put(slot: number, value: CellValue): void {
    this.num[slot] = value.num ?? 0;
    this.kind[slot] = kindOf(value.num, value.code);
    if (value.comment !== null) this.comments.set(slot, value.comment);
    else this.comments.delete(slot);
    if (value.obsStatus !== null) this.statuses.set(slot, value.obsStatus);
    else this.statuses.delete(slot);
    if (this.kind[slot] === ANSWER) this.answers.set(slot, value.code!);
    else this.answers.delete(slot);
    if (value.evidence) this.evidence.set(slot, value.evidence);
    else this.evidence.delete(slot);
  }

  state(slot: number): CellState {
    return this.states[slot] as CellState;
  }

  ordinalOf(slot: number): number {
    return this.ordinal[slot]!;
  }

  /** Whether the cell holds exactly this value, comment and observation status. */
  holds(slot: number, value: CellValue): boolean {
    return (
      this.kind[slot] === kindOf(value.num, value.code) &&
      (value.num === null || this.num[slot] === value.num) &&
      (this.comments.get(slot) ?? null) === value.comment &&
      (this.statuses.get(slot) ?? null) === value.obsStatus &&
      (value.code === null || this.kind[slot] !== ANSWER || this.answers.get(slot) === value.code) &&
      (this.evidence.get(slot) ?? null) === (value.evidence ?? null)
    );
  }

  /** The file gives a stored cell again: its new value (the old one kept for the audit) or its removal. */
  update(slot: number, value: CellValue, state: CellState, ordinal: number): void {
    this.ordinal[slot] = ordinal;
    this.states[slot] = state;
    if (state === CELL.unchanged) return;
    this.oldNum[slot] = this.num[slot]!;
    this.oldKind[slot] = this.kind[slot]!;
    const comment = this.comments.get(slot);
    if (comment !== undefined) this.oldComments.set(slot, comment);
    const answer = this.answers.get(slot);
    if (answer !== undefined) this.oldAnswers.set(slot, answer);
    if (state !== CELL.removed) this.put(slot, value);
  }

  private valueJson(num: Float64Array, kind: Uint8Array, slot: number): string {
    const k = kind[slot]!;
    if (k === ANSWER) return JSON.stringify((kind === this.kind ? this.answers : this.oldAnswers).get(slot) ?? null);
    return k === 0 ? String(num[slot]) : k === NOTHING ? 'null' : `"${KINDS[k]}"`;
  }

  /** The submission's values as validation reads them: the stored ones and the file's, without the removed. */
  values(): StoredValue[] {
    const out: StoredValue[] = [];
    for (let slot = 0; slot < this.size; slot += 1) {
      if (this.states[slot] === CELL.removed || this.states[slot] === CELL.absent) continue;
      const k = this.kind[slot]!;
      out.push({
        variable: this.variables.texts[this.variable[slot]!]!,
        orgUnit: this.units.texts[this.unit[slot]!]!,
        coords: this.coordsKeys.texts[this.coords[slot]!]!,
        num: k === 0 ? this.num[slot]! : null,
        code: k === 0 || k === NOTHING ? null : k === ANSWER ? (this.answers.get(slot) as SpecialCode) : (KINDS[k] ?? null),
      });
    }
    return out;
  }

  /** Whether the file created, changed or removed any cell. */
  touched(): { writes: number; removed: number } {
    let writes = 0;
    let removed = 0;
    for (let slot = 0; slot < this.size; slot += 1) {
      const s = this.states[slot];
      if (s === CELL.created || s === CELL.changed) writes += 1;
      else if (s === CELL.removed) removed += 1;
    }
    return { writes, removed };
  }

  /**
   * The audit's old and new values, as JSON arrays in the order of the file: old values of the
   * changed and removed cells, new values of the created, changed and removed ones (null).
   */
  auditValues(): { before: string; after: string } {
    const slots: number[] = [];
    for (let slot = 0; slot < this.size; slot += 1) {
      const s = this.states[slot];
      if (s === CELL.created || s === CELL.changed || s === CELL.removed) slots.push(slot);
    }
    slots.sort((a, b) => this.ordinal[a]! - this.ordinal[b]!);
    const before: string[] = [];
    const after: string[] = [];
    const quote = (text: string | undefined) => (text === undefined ? 'null' : JSON.stringify(text));
    for (const slot of slots) {
      const unit = this.units.texts[this.unit[slot]!]!;
      const coords = this.coordsKeys.texts[this.coords[slot]!]!;
      const cell = `{"variable":${this.variables.json(this.variable[slot]!)},"orgUnit":${unit === '' ? 'null' : this.units.json(this.unit[slot]!)},"coords":${coords === '' ? 'null' : this.coordsKeys.json(this.coords[slot]!)}`;
      const state = this.states[slot];
      if (state === CELL.removed) {
        before.push(`${cell},"value":${this.valueJson(this.oldNum, this.oldKind, slot)}}`);
        after.push(`${cell},"value":null}`);
        continue;
      }
      if (state === CELL.changed)
        before.push(`${cell},"value":${this.valueJson(this.oldNum, this.oldKind, slot)},"comment":${quote(this.oldComments.get(slot))}}`);
      const status = this.statuses.get(slot);
      after.push(
        `${cell},"value":${this.valueJson(this.num, this.kind, slot)},"comment":${quote(this.comments.get(slot))}${status ? `,"obsStatus":${JSON.stringify(status)}` : ''}${this.evidence.has(slot) ? `,"evidence":${this.evidence.get(slot)}` : ''}}`,
      );
    }
    return { before: `[${before.join(',')}]`, after: `[${after.join(',')}]` };
  }
}
