// Data collection: for one dataset and period, the reporting status of each Western Balkan
// partner (status, due date, late, last update) with a link to each submission the user may open.
import { formatDateTime } from '../../platform/format';
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { DataTable } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Instant } from '../../platform/Instant';
import { recentPeriods, useCatalog, type OverviewRow } from './model';
import { StatusBadge } from './StatusBadge';

const PERIOD_CHOICES = { yearly: 8, halfyearly: 8, quarterly: 12, monthly: 24, weekly: 26 } as const;

export function CollectionPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const [params, setParams] = useSearchParams();
  const datasets = catalog.data?.datasets ?? [];
  const dataset = datasets.find((d) => d.code === params.get('dataset')) ?? datasets[0];
  const periods = dataset ? recentPeriods(dataset.periodType, PERIOD_CHOICES[dataset.periodType]) : [];
  const chosen = params.get('period');
  const period = chosen && periods.includes(chosen) ? chosen : periods[0];
  const overview = useQuery({
    queryKey: ['overview', dataset?.code, period],
    queryFn: () =>
      api<{ partners: OverviewRow[] }>(
        'GET',
        `/datasets/${encodeURIComponent(dataset!.code)}/periods/${encodeURIComponent(period!)}/overview`,
      ),
    enabled: !!dataset && !!period,
  });
  const choose = (next: { dataset?: string; period?: string }) => {
    const p = new URLSearchParams(params);
    if (next.dataset) {
      p.set('dataset', next.dataset);
      p.delete('period');
    }
    if (next.period) p.set('period', next.period);
    setParams(p, { replace: true });
  };
  const mayOpen = (row: OverviewRow) => user.role !== 'coordinator' || row.partner === user.partner || row.status === 'published';
  const error = catalog.error ?? overview.error;

  return (
    <Stack>
      <CollectionHeader user={user} />
      <Group align="flex-end">
        <Select
          label={t('statistics.dataset')}
          data={datasets.map((d) => ({ value: d.code, label: d.label }))}
          value={dataset?.code ?? null}
          onChange={(v) => v && choose({ dataset: v })}
          allowDeselect={false}
          miw={280}
        />
        <Select
          label={t('statistics.period')}
          data={periods}
          value={period ?? null}
          onChange={(v) => v && choose({ period: v })}
          allowDeselect={false}
          w={140}
        />
      </Group>
      <ErrorAlert error={error} />
      <DataTable
        minWidth={720}
        striped
        highlightOnHover
        unscoped
        columns={(['partner', 'status', 'dueDate', 'lastUpdate', 'version', 'submission'] as const).map((c) => t(`statistics.${c}`))}
      >
        {(overview.data?.partners ?? []).map((row) => (
          <PartnerRow
            key={row.partner}
            row={row}
            to={
              mayOpen(row) && dataset && period
                ? `/statistics/${encodeURIComponent(dataset.code)}/${row.partner}/${encodeURIComponent(period)}`
                : null
            }
          />
        ))}
      </DataTable>
      {overview.data?.partners.length === 0 && <Text>{t('statistics.noPartners')}</Text>}
    </Stack>
  );
}

/** The page's title, the link to the import for those who may import, and what the page is for. */
function CollectionHeader({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <>
      <Group justify="space-between">
        <Title order={2}>{t('statistics.title')}</Title>
        {(user.role === 'coordinator' || user.role === 'admin') && (
          <Button component={Link} to="/statistics/import" variant="light">
            {t('statistics.importLink')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('statistics.intro')}</Text>
    </>
  );
}

/** A partner's reporting status, due date (late or not), last update and version, and the link to its submission when the user may open it. */
function PartnerRow({ row, to }: { row: OverviewRow; to: string | null }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        {row.partner} — {row.name}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={row.status} />
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <time dateTime={row.dueDate}>{row.dueDate}</time>
          {row.late && (
            <Badge color="red" variant="filled" size="sm">
              {t('statistics.late')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Instant iso={row.updatedAt} format={formatDateTime} />
      </Table.Td>
      <Table.Td>{row.version}</Table.Td>
      <Table.Td>
        {to ? (
          <Anchor component={Link} to={to} aria-label={t('statistics.openFor', { partner: row.name })}>
            {t('statistics.open')}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
}
