// The data-entry form, generated from the catalogue: the partner's own figures and, through a
// select, each org unit of a kind the dataset collects; each value with its comment and observation
// status, a coded answer with its comment and evidence links. "Save draft" sends only changed cells with the version read; the server's per-cell
// problems show next to the cells, a stale version offers a reload.
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../platform/DataTable';
import { SuccessAlert } from '../../platform/feedback';
import { Muted } from '../../platform/text';
import { parseCellKey, type Catalog, type Dataset, type OrgUnit, type Submission } from './model';
import { useValueDrafts, type ValueDrafts } from './value-drafts';
import { VariableRows } from './VariableRows';

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
  const drafts = useValueDrafts(submission, onSaved, onReload);
  const variables = dataset.variables.map((code) => catalog.variables.find((v) => v.code === code)).filter((v) => v !== undefined);
  const dims = new Map(catalog.dimensions.map((d) => [d.code, d]));
  // Problems and changes of the org units not shown are counted, so that none goes unnoticed.
  const elsewhere = (keys: string[]) => keys.filter((k) => (parseCellKey(k).orgUnit ?? '') !== level).length;

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
      <Muted>{drafts.readOnly ? t('form.readOnly') : t('form.help')}</Muted>
      <SaveProblems drafts={drafts} errorsElsewhere={elsewhere(Object.keys(drafts.cellErrors))} />
      {drafts.notice && <SuccessAlert onClose={drafts.clearNotice}>{drafts.notice}</SuccessAlert>}
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
            cells={drafts.cells}
            dimensions={v.dimensions.map((d) => dims.get(d)).filter((d) => d !== undefined)}
          />
        ))}
      </DataTable>
      {!drafts.readOnly && <SaveBar drafts={drafts} changesElsewhere={elsewhere(drafts.changedKeys)} />}
    </Stack>
  );
}

/** What stopped the last save: a concurrent change (with a reload), the cells refused, or the error. */
function SaveProblems({ drafts, errorsElsewhere }: { drafts: ValueDrafts; errorsElsewhere: number }) {
  const { t } = useTranslation();
  const { conflict, save, cellErrors } = drafts;
  const refused = Object.keys(cellErrors).length;
  return (
    <>
      {conflict && (
        <Alert color="orange" role="alert" title={t('form.conflictTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{conflict}</Text>
            <Button size="xs" onClick={drafts.reload}>
              {t('form.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {save.error && !conflict && (
        <Alert color="red" role="alert">
          {refused > 0 ? t('form.fixCells', { count: refused }) : save.error.message}
        </Alert>
      )}
      {errorsElsewhere > 0 && <Alert color="red">{t('form.errorsElsewhere', { count: errorsElsewhere })}</Alert>}
    </>
  );
}

/** How many cells are unsaved (here and in other org units), and the save button. */
function SaveBar({ drafts, changesElsewhere }: { drafts: ValueDrafts; changesElsewhere: number }) {
  const { t } = useTranslation();
  const { changedKeys, save } = drafts;
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {changedKeys.length === 0 ? t('form.noChanges') : t('form.unsaved', { count: changedKeys.length })}
        {changesElsewhere > 0 ? ` ${t('form.elsewhere', { count: changesElsewhere })}` : ''}
      </Text>
      <Button onClick={() => save.mutate(changedKeys)} loading={save.isPending} disabled={changedKeys.length === 0}>
        {t('form.save')}
      </Button>
    </Group>
  );
}
