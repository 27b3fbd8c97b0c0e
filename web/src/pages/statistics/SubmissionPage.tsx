// One partner's submission for one dataset and period: status and version, downloads, the
// data-entry form, validation findings, workflow buttons, the declaration that the org-unit list is
// complete, the thread, and the releases with the values they revised.
import { formatDateTime } from '../../platform/format';
import { Anchor, Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { QueryState } from '../../platform/QueryState';
import { Muted } from '../../platform/text';
import { FindingsPanel } from './FindingsPanel';
import { OrgUnitsPanel } from './OrgUnitsPanel';
import { ReleasesPanel } from './ReleasesPanel';
import {
  submissionPath,
  submissionQueryKey,
  useCatalog,
  usePartners,
  type Catalog,
  type Dataset,
  type OrgUnit,
  type Submission,
  type SubmissionKey,
} from './model';
import { StatusBadge } from './StatusBadge';
import { ThreadPanel } from './ThreadPanel';
import { ValuesForm } from './ValuesForm';
import { WorkflowPanel } from './WorkflowPanel';

export function SubmissionPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const params = useParams();
  const key: SubmissionKey = { dataset: params.dataset ?? '', partner: (params.partner ?? '').toUpperCase(), period: params.period ?? '' };
  const client = useQueryClient();
  const catalog = useCatalog();
  const partners = usePartners();
  const submission = useQuery({ queryKey: submissionQueryKey(key), queryFn: () => api<Submission>('GET', submissionPath(key)) });
  const orgUnits = useQuery({
    queryKey: ['org-units', key.partner],
    queryFn: () => api<{ orgUnits: OrgUnit[] }>('GET', `/partners/${encodeURIComponent(key.partner)}/org-units`),
    staleTime: 5 * 60_000,
  });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: submissionQueryKey(key) });
    void client.invalidateQueries({ queryKey: ['overview'] });
  };

  const dataset = catalog.data?.datasets.find((d) => d.code === key.dataset);
  const partnerName = partners.data?.partners.find((p) => p.code === key.partner)?.name ?? key.partner;
  const back = (
    <BackLink to={`/statistics?dataset=${encodeURIComponent(key.dataset)}&period=${encodeURIComponent(key.period)}`}>
      {t('submission.back')}
    </BackLink>
  );
  const error = submission.error ?? catalog.error ?? orgUnits.error;
  if (error || !submission.data || !catalog.data || !orgUnits.data || !dataset) {
    return <QueryState error={error} back={back} loading={t('submission.loading')} notFound={t('submission.notFound')} />;
  }
  const s = submission.data;
  const units = orgUnits.data.orgUnits;

  return (
    <Stack>
      {back}
      <SubmissionHeader
        submission={s}
        subject={key}
        title={t('submission.title', { dataset: dataset.label, partner: partnerName, period: key.period })}
        templateShown={user.role !== 'coordinator' || user.partner === key.partner}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md">
            <ValuesForm
              key={`${s.partner}|${s.period}`}
              catalog={catalog.data}
              dataset={dataset}
              submission={s}
              orgUnits={units}
              onSaved={refresh}
              onReload={() => void submission.refetch()}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <SidePanels catalog={catalog.data} dataset={dataset} submission={s} orgUnits={units} onChanged={refresh} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

interface HeaderProps {
  submission: Submission;
  /** The submission as the address names it: the downloads are asked for by it. */
  subject: SubmissionKey;
  title: string;
  /** The Excel template is offered to all but the coordinators of other partners. */
  templateShown: boolean;
}

/** The submission's title, status, version, due date and last update, and its downloads and import link. */
function SubmissionHeader({ submission: s, subject: key, title, templateShown }: HeaderProps) {
  const { t } = useTranslation();
  const exportHref = `/api/v1/exports/values?${new URLSearchParams({ dataset: key.dataset, partner: key.partner, period: key.period, format: 'csv' })}`;
  return (
    <Stack gap={4}>
      <Title order={2}>{title}</Title>
      <Group gap="sm">
        <StatusBadge status={s.status} />
        <Text size="sm">{t('submission.version', { version: s.version })}</Text>
        <Text size="sm">{t('submission.due', { date: s.dueDate })}</Text>
        {s.late && (
          <Badge color="red" size="sm">
            {t('statistics.late')}
          </Badge>
        )}
        <Muted>{t('submission.updated', { when: formatDateTime(s.updatedAt) })}</Muted>
      </Group>
      <Group gap="md">
        {templateShown && (
          <Anchor href={`/api/v1${submissionPath(key)}/template.xlsx`} download size="sm">
            {t('submission.template')}
          </Anchor>
        )}
        <Anchor href={exportHref} download size="sm">
          {t('submission.exportCsv')}
        </Anchor>
        {s.can.edit && (
          <Anchor component={Link} to="/statistics/import" size="sm">
            {t('submission.import')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

interface PanelsProps {
  catalog: Catalog;
  dataset: Dataset;
  submission: Submission;
  orgUnits: OrgUnit[];
  onChanged: () => void;
}

/** Beside the form: the workflow, the findings, the org-unit list (for datasets of org units), the thread and the releases. */
function SidePanels({ catalog, dataset, submission: s, orgUnits: units, onChanged }: PanelsProps) {
  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <WorkflowPanel submission={s} onChanged={onChanged} />
      </Paper>
      <Paper withBorder p="md">
        <FindingsPanel catalog={catalog} submission={s} orgUnits={units} onChanged={onChanged} />
      </Paper>
      {dataset.orgUnitKinds.length > 0 && (
        <Paper withBorder p="md">
          <OrgUnitsPanel submission={s} onChanged={onChanged} />
        </Paper>
      )}
      <Paper withBorder p="md">
        <ThreadPanel submission={s} onChanged={onChanged} />
      </Paper>
      <Paper withBorder p="md">
        <ReleasesPanel catalog={catalog} submission={s} orgUnits={units} />
      </Paper>
    </Stack>
  );
}
