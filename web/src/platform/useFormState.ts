// A form's values held in one state object, with the change handlers its fields need.
import { useState } from 'react';

/** The fields of T that hold text. */
type TextField<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T];

/**
 * `form` and `setForm` as from useState(initial); `set(field)` is the onChange of a text input,
 * textarea or native select bound to a text field; `setField(field, value)` sets any field (for
 * controls that hand over the value itself: checkbox groups, multi-selects, file inputs).
 */
export function useFormState<T extends object>(initial: T | (() => T)) {
  const [form, setForm] = useState(initial);
  const setField = <K extends keyof T>(field: K, value: T[K]) => setForm((f) => ({ ...f, [field]: value }));
  const set = (field: TextField<T>) => (e: { currentTarget: { value: string } }) =>
    setField(field, e.currentTarget.value as T[TextField<T>]);
  return { form, setForm, set, setField };
}
