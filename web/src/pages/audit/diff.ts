// What an audit entry changed: the fields that differ between its before and after states (pure).

/** One field that differs: added (only after), removed (only before) or changed (both, unequal). */
export type FieldChange =
  | { field: string; kind: 'added'; after: unknown }
  | { field: string; kind: 'removed'; before: unknown }
  | { field: string; kind: 'changed'; before: unknown; after: unknown };

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values; the order of an object's keys does not matter, an array's order does. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (!isFields(a) || !isFields(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

/**
 * The top-level fields that differ between two states, in the order of `before`'s keys then the
 * keys only `after` has; equal fields are left out, nested objects and arrays are compared whole.
 * A missing state (null or undefined: a creation or a deletion) counts as an object without
 * fields. A state that is not an object (a list, a number) is compared whole, as field `''`.
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = before ?? {};
  const a = after ?? {};
  if (!isFields(b) || !isFields(a)) {
    if (sameValue(b, a)) return [];
    if (before === null || before === undefined) return [{ field: '', kind: 'added', after }];
    if (after === null || after === undefined) return [{ field: '', kind: 'removed', before }];
    return [{ field: '', kind: 'changed', before, after }];
  }
  const changes: FieldChange[] = [];
  for (const field of Object.keys(b)) {
    if (!Object.hasOwn(a, field)) changes.push({ field, kind: 'removed', before: b[field] });
    else if (!sameValue(b[field], a[field])) changes.push({ field, kind: 'changed', before: b[field], after: a[field] });
  }
  for (const field of Object.keys(a)) if (!Object.hasOwn(b, field)) changes.push({ field, kind: 'added', after: a[field] });
  return changes;
}

/** A nested value as compact JSON, cut after `max` characters with '…' (a long list of values stays readable). */
export function compactJson(value: unknown, max = 1000): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
