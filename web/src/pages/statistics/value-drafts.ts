// The state behind the data-entry form: the cells typed but not yet saved, the server's per-cell
// problems, and "Save draft", which sends only the changed cells with the version read so that a
// concurrent change is refused (409) and offered as a reload rather than silently overwritten.
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import type { CellState } from './CellInput';
import { cellKey, fromApiValue, parseCellKey, parseLinks, submissionPath, toApiValue, type Submission } from './model';
import type { CellAccess } from './VariableRows';

interface Draft {
  value: string;
  comment: string;
  /** The observation status code ('' for none). */
  obsStatus: string;
  /** Evidence links as typed, one per line ('' for none). */
  evidence: string;
}
const EMPTY: Draft = { value: '', comment: '', obsStatus: '', evidence: '' };
interface SaveResult {
  version: number;
  status: string;
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}

/** A cell as the submission stores it, in the form's terms. */
function storedDrafts(values: Submission['values']): Map<string, Draft> {
  return new Map(
    values.map((v) => [
      cellKey(v.variable, v.orgUnit, v.coords),
      { value: fromApiValue(v.value), comment: v.comment ?? '', obsStatus: v.obsStatus ?? '', evidence: (v.evidence ?? []).join('\n') },
    ]),
  );
}

/** Whether a draft differs from the stored cell as the server would see it (trimmed comment, parsed links). */
function differs(d: Draft, before: Draft): boolean {
  return (
    toApiValue(d.value) !== toApiValue(before.value) ||
    d.comment.trim() !== before.comment ||
    d.obsStatus !== before.obsStatus ||
    parseLinks(d.evidence).join(' ') !== parseLinks(before.evidence).join(' ')
  );
}

/** The request's values for the given cells. */
function toRequest(keys: string[], drafts: Record<string, Draft>) {
  return keys.map((k) => {
    const { variable, orgUnit, coords } = parseCellKey(k);
    const d = drafts[k]!;
    // The observation status and the evidence are sent with every value: a value saved without them loses those it had.
    const evidence = parseLinks(d.evidence);
    return {
      variable,
      orgUnit,
      coords,
      value: toApiValue(d.value),
      comment: d.comment.trim() || null,
      obsStatus: d.obsStatus || null,
      evidence: evidence.length ? evidence : null,
    };
  });
}

/** A refused save's problems by cell key: the server names each by its index in the request. */
function problemsByCell(err: Error, keys: string[]): Record<string, string> | null {
  if (!(err instanceof ApiError && err.status === 400 && Array.isArray(err.details))) return null;
  const found: Record<string, string> = {};
  for (const d of err.details as { index?: number; field?: string; message?: string }[]) {
    const key = typeof d.index === 'number' ? keys[d.index] : undefined;
    if (key) found[key] = found[key] ? `${found[key]}; ${d.message}` : `${d.message ?? ''}`;
  }
  return found;
}

export type ValueDrafts = ReturnType<typeof useValueDrafts>;

/**
 * The form's cells over the submission's stored values: `cells` for the inputs, the keys changed,
 * the per-cell problems of the last save, a conflict message after a 409, a notice after a save,
 * `save()` and `reload()` (drops the drafts and reads the submission again).
 */
export function useValueDrafts(submission: Submission, onSaved: () => void, onReload: () => void) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const readOnly = !submission.can.edit;

  const stored = useMemo(() => storedDrafts(submission.values), [submission.values]);
  const changedKeys = Object.keys(drafts).filter((k) => differs(drafts[k]!, stored.get(k) ?? EMPTY));
  const changedSet = new Set(changedKeys);

  const cells: CellAccess = {
    readOnly,
    get: (key): CellState => {
      const d = drafts[key] ?? stored.get(key) ?? EMPTY;
      return {
        value: d.value,
        comment: d.comment,
        obsStatus: d.obsStatus,
        evidence: d.evidence,
        changed: changedSet.has(key),
        error: cellErrors[key] ?? null,
      };
    },
    set: (key, patch) => {
      setDrafts((all) => ({ ...all, [key]: { ...(all[key] ?? stored.get(key) ?? EMPTY), ...patch } }));
      if (cellErrors[key]) setCellErrors(({ [key]: _dropped, ...rest }) => rest);
      setNotice(null);
    },
  };

  const save = useMutation({
    mutationFn: (keys: string[]) =>
      api<SaveResult>('PUT', `${submissionPath(submission)}/values`, { version: submission.version, values: toRequest(keys, drafts) }),
    onMutate: () => {
      setConflict(null);
      setNotice(null);
      setCellErrors({});
    },
    onSuccess: (result) => {
      setDrafts({});
      setNotice(t('form.saved', { created: result.created, changed: result.changed, removed: result.removed, version: result.version }));
      onSaved();
    },
    onError: (err, keys) => {
      if (err instanceof ApiError && err.status === 409) setConflict(err.message);
      else {
        const found = problemsByCell(err, keys);
        if (found) setCellErrors(found);
      }
    },
  });

  const reload = () => {
    setDrafts({});
    setConflict(null);
    setCellErrors({});
    onReload();
  };
  return { readOnly, cells, changedKeys, cellErrors, conflict, notice, clearNotice: () => setNotice(null), save, reload };
}
