// Import of values from a CSV, JSON or XLSX file: a dry run shows what would change, the import
// stores everything or nothing; a rejected file lists every bad row and column. The codes a file
// may use (datasets, variables, breakdowns and their codes) are listed below, from the catalogue.
import { Accordion, Alert, Anchor, Button, Code, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, contentTypeOf, upload } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, FigureTable } from '../../platform/DataTable';
import { Section } from '../../platform/Section';
import { useCatalog, type Catalog } from './model';

/** Per dataset, the variables a file may name, each with its unit and its breakdowns' codes. */
function CodeLists({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const dimension = (code: string) => catalog.dimensions.find((d) => d.code === code);
  return (
    <Section id="import-codes" title={t('import.codes.title')} gap="xs">
      <Text size="sm">{t('import.codes.intro')}</Text>
      <Accordion multiple variant="separated">
        {catalog.datasets.map((ds) => (
          <Accordion.Item key={ds.code} value={ds.code}>
            <Accordion.Control>
              {ds.label} <Code>{ds.code}</Code>
            </Accordion.Control>
            <Accordion.Panel>
              <DataTable
                minWidth={640}
                striped
                aria-label={t('import.codes.caption', { dataset: ds.label })}
                columns={[t('import.codes.variable'), t('import.codes.unit'), t('import.codes.breakdowns')]}
              >
                {ds.variables.map((code) => {
                  const v = catalog.variables.find((x) => x.code === code);
                  return (
                    <Table.Tr key={code}>
                      <Table.Td>
                        <Code>{code}</Code> {v?.label}
                      </Table.Td>
                      <Table.Td>{v?.unit || '—'}</Table.Td>
                      <Table.Td>
                        {(v?.dimensions ?? []).length === 0
                          ? t('import.codes.none')
                          : v!.dimensions.map((d) => (
                              <Text key={d} size="sm">
                                <Code>{d}</Code>: {(dimension(d)?.codes ?? []).map((c) => c.code).join(', ')}
                              </Text>
                            ))}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </DataTable>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Section>
  );
}

interface Summary {
  dryRun: boolean;
  rows: number;
  submissions: number;
  created: number;
  changed: number;
  unchanged: number;
  removed: number;
}
interface RowProblem {
  row: number;
  column: string;
  message: string;
}

const TYPES: Record<string, string> = {
  csv: 'text/csv',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function ImportPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const catalog = useCatalog();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: ({ dryRun }: { dryRun: boolean }) => {
      const type = file ? contentTypeOf(file, TYPES) : null;
      if (!file || !type) throw new Error(t('import.wrongType'));
      return upload<Summary>(`/imports/values${dryRun ? '?dryRun=true' : ''}`, file, type);
    },
    onSuccess: (summary) => {
      if (!summary.dryRun) {
        void client.invalidateQueries({ queryKey: ['submission'] });
        void client.invalidateQueries({ queryKey: ['overview'] });
      }
    },
  });
  const problems =
    run.error instanceof ApiError && Array.isArray(run.error.details)
      ? (run.error.details as RowProblem[]).filter((p) => typeof p.row === 'number')
      : [];
  const choose = (f: File | null) => {
    setFile(f);
    run.reset();
  };
  const typeProblem = file !== null && contentTypeOf(file, TYPES) === null;

  return (
    <Stack maw={960}>
      <BackLink to="/statistics">{t('submission.back')}</BackLink>
      <Title order={2}>{t('import.title')}</Title>
      <ImportIntro />
      <FileInput
        label={t('import.file')}
        description={t('import.fileHelp')}
        placeholder={t('import.choose')}
        accept=".csv,.json,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={choose}
        clearable
        maw={480}
        error={typeProblem ? t('import.wrongType') : undefined}
      />
      <Group>
        <Button
          variant="light"
          onClick={() => run.mutate({ dryRun: true })}
          disabled={!file || typeProblem}
          loading={run.isPending && run.variables?.dryRun}
        >
          {t('import.check')}
        </Button>
        <Button
          onClick={() => run.mutate({ dryRun: false })}
          disabled={!file || typeProblem}
          loading={run.isPending && run.variables?.dryRun === false}
        >
          {t('import.run')}
        </Button>
      </Group>
      {run.data && <SummaryView summary={run.data} />}
      {run.error && (
        <Alert color="red" role="alert" title={problems.length ? t('import.rejected', { count: problems.length }) : undefined}>
          {problems.length ? t('import.nothingStored') : run.error.message}
        </Alert>
      )}
      {problems.length > 0 && <ProblemTable problems={problems} />}
      {catalog.data && <CodeLists catalog={catalog.data} />}
    </Stack>
  );
}

/** What a file holds (its columns and values), where to find a template, and the link to the code lists below. */
function ImportIntro() {
  const { t } = useTranslation();
  return (
    <>
      <Text>{t('import.intro')}</Text>
      <List size="sm">
        <List.Item>
          {t('import.columns')} <Code>dataset,partner,org_unit,period,variable,&lt;dimensions&gt;,value,comment</Code>
        </List.Item>
        <List.Item>{t('import.values')}</List.Item>
        <List.Item>
          {t('import.template')}{' '}
          <Anchor component={Link} to="/statistics">
            {t('import.toCollection')}
          </Anchor>
        </List.Item>
        <List.Item>
          <Anchor href="#import-codes">{t('import.codes.link')}</Anchor>
        </List.Item>
      </List>
    </>
  );
}

/** Every bad cell of a rejected file: its row, its column and what is wrong. */
function ProblemTable({ problems }: { problems: RowProblem[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={520}
      striped
      aria-label={t('import.problems')}
      unscoped
      columns={[t('import.row'), t('import.column'), t('import.message')]}
    >
      {problems.map((p, i) => (
        <Table.Tr key={`${p.row}-${p.column}-${i}`}>
          <Table.Td>{p.row}</Table.Td>
          <Table.Td>
            <Code>{p.column}</Code>
          </Table.Td>
          <Table.Td>{p.message}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  const figures = [
    [t('import.rows'), summary.rows],
    [t('import.submissions'), summary.submissions],
    [t('import.created'), summary.created],
    [t('import.changed'), summary.changed],
    [t('import.unchanged'), summary.unchanged],
    [t('import.removed'), summary.removed],
  ] as const;
  return (
    <Alert color={summary.dryRun ? 'blue' : 'green'} role="status" title={summary.dryRun ? t('import.dryRunDone') : t('import.done')}>
      <Stack gap="xs">
        <FigureTable rows={figures} withRowBorders={false} verticalSpacing={2} w="auto" aria-label={t('import.summary')} />
        {!summary.dryRun && (
          <Anchor component={Link} to="/statistics" size="sm">
            {t('import.toList')}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}
