// The data-entry form, generated from the catalogue: the partner's own figures and, through a
// select, each org unit of a kind the dataset collects; each value with its comment and observation
// status, a coded answer with its comment and evidence links. "Save draft" sends only changed cells with the version read; the server's per-cell
// problems show next to the cells, a stale version offers a reload.
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { DataTable } from '../../platform/DataTable';
import { SuccessAlert } from '../../platform/feedback';
import { Muted } from '../../platform/text';
import type { CellState } from './CellInput';
import {
  cellKey,
  fromApiValue,
  parseCellKey,
  parseLinks,
  submissionPath,
  toApiValue,
  type Catalog,
  type Dataset,
  type OrgUnit,
  type Submission,
} from './model';
import { VariableRows, type CellAccess } from './VariableRows';

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

interface Props {
  catalog: Catalog;
  dataset: Dataset;
  submission: Submission;
  orgUnits: OrgUnit[];
  onSaved: () => void;
  onReload: () => void;
}

export function ValuesForm({ catalog, dataset, submission, orgUnits, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const units = orgUnits.filter((u) => dataset.orgUnitKinds.includes(u.kind));
  const levels = [
    ...(dataset.partnerLevel ? [{ value: '', label: t('form.partnerLevel') }] : []),
    ...units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
  ];
  const [level, setLevel] = useState<string>(levels[0]?.value ?? '');
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [cellErrors, setCellErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const readOnly = !submission.can.edit;

  const stored = useMemo(
    () =>
      new Map(
        submission.values.map((v) => [
          cellKey(v.variable, v.orgUnit, v.coords),
          { value: fromApiValue(v.value), comment: v.comment ?? '', obsStatus: v.obsStatus ?? '', evidence: (v.evidence ?? []).join('\n') },
        ]),
      ),
    [submission.values],
  );
  const changedKeys = Object.keys(drafts).filter((k) => {
    const before = stored.get(k) ?? EMPTY;
    const d = drafts[k]!;
    return (
      toApiValue(d.value) !== toApiValue(before.value) ||
      d.comment.trim() !== before.comment ||
      d.obsStatus !== before.obsStatus ||
      parseLinks(d.evidence).join(' ') !== parseLinks(before.evidence).join(' ')
    );
  });
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
    mutationFn: (keys: string[]) => {
      const values = keys.map((k) => {
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
      return api<SaveResult>('PUT', `${submissionPath(submission)}/values`, { version: submission.version, values });
    },
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
      else if (err instanceof ApiError && err.status === 400 && Array.isArray(err.details)) {
        const found: Record<string, string> = {};
        for (const d of err.details as { index?: number; field?: string; message?: string }[]) {
          const key = typeof d.index === 'number' ? keys[d.index] : undefined;
          if (key) found[key] = found[key] ? `${found[key]}; ${d.message}` : `${d.message ?? ''}`;
        }
        setCellErrors(found);
      }
    },
  });

  const reload = () => {
    setDrafts({});
    setConflict(null);
    setCellErrors({});
    onReload();
  };
  const variables = dataset.variables.map((code) => catalog.variables.find((v) => v.code === code)).filter((v) => v !== undefined);
  const dims = new Map(catalog.dimensions.map((d) => [d.code, d]));
  const errorsElsewhere = Object.keys(cellErrors).filter((k) => (parseCellKey(k).orgUnit ?? '') !== level).length;
  const changesElsewhere = changedKeys.filter((k) => (parseCellKey(k).orgUnit ?? '') !== level).length;

  return (
    <Stack component="section" aria-labelledby="values-title">
      <Group justify="space-between" align="flex-end">
        <Text id="values-title" fw={700} size="lg">
          {t('form.title')}
        </Text>
        {levels.length > 1 && (
          <Select
            label={t('form.level')}
            data={levels}
            value={level}
            onChange={(v) => v !== null && setLevel(v)}
            allowDeselect={false}
            searchable
            miw={260}
          />
        )}
      </Group>
      <Muted>{readOnly ? t('form.readOnly') : t('form.help')}</Muted>
      {conflict && (
        <Alert color="orange" role="alert" title={t('form.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{conflict}</Text>
            <Button size="xs" onClick={reload}>
              {t('form.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {save.error && !conflict && (
        <Alert color="red" role="alert">
          {Object.keys(cellErrors).length > 0 ? t('form.fixCells', { count: Object.keys(cellErrors).length }) : save.error.message}
        </Alert>
      )}
      {errorsElsewhere > 0 && <Alert color="red">{t('form.errorsElsewhere', { count: errorsElsewhere })}</Alert>}
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <DataTable
        minWidth={520}
        verticalSpacing="xs"
        aria-labelledby="values-title"
        columns={[t('form.variable'), t('form.total'), t('form.breakdown')]}
      >
        {variables.map((v) => (
          <VariableRows
            key={`${level}|${v.code}`}
            variable={v}
            orgUnit={level || null}
            cells={cells}
            dimensions={v.dimensions.map((d) => dims.get(d)).filter((d) => d !== undefined)}
          />
        ))}
      </DataTable>
      {!readOnly && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {changedKeys.length === 0 ? t('form.noChanges') : t('form.unsaved', { count: changedKeys.length })}
            {changesElsewhere > 0 ? ` ${t('form.elsewhere', { count: changesElsewhere })}` : ''}
          </Text>
          <Button onClick={() => save.mutate(changedKeys)} loading={save.isPending} disabled={changedKeys.length === 0}>
            {t('form.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
