// Reporting compliance (signed-in users): for each migration dataset, partners × the last six
// months, the status of each submission; late ones in red and marked "late" in words too. A cell
// links to the submission where the viewer may open it.
import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { SectionTitle } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { LoadingNote } from './Alerts';
import { STATUS_COLORS } from '../statistics/model';
import { formatMonth, useCompliance, type ComplianceCell, type ComplianceDataset } from './model';

export function ComplianceGrid({ user, partnerName }: { user: User; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const compliance = useCompliance(user);
  if (compliance.error || !compliance.data) return <LoadingNote error={compliance.error} />;
  return (
    <Stack gap="md">
      <Muted>{t('migration.compliance.intro')}</Muted>
      {compliance.data.datasets.map((d) => (
        <DatasetGrid key={d.dataset} dataset={d} user={user} partnerName={partnerName} />
      ))}
    </Stack>
  );
}

function DatasetGrid({ dataset, user, partnerName }: { dataset: ComplianceDataset; user: User; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const partners = [...new Set(dataset.cells.map((c) => c.partner))];
  const cellOf = (partner: string, period: string) => dataset.cells.find((c) => c.partner === partner && c.period === period);
  const mayOpen = (c: ComplianceCell) => user.role !== 'coordinator' || c.partner === user.partner || c.status === 'published';
  const titleId = `compliance-${dataset.dataset.replace(/\W/g, '-')}`;
  return (
    <Stack gap={4}>
      <SectionTitle id={titleId} order={4}>
        {dataset.label}
      </SectionTitle>
      <DataTable
        minWidth={720}
        withColumnBorders
        aria-labelledby={titleId}
        columns={[t('migration.partners.partner'), ...dataset.periods.map((p) => ({ label: formatMonth(p), ta: 'center' as const }))]}
      >
        {partners.map((partner) => (
          <Table.Tr key={partner}>
            <RowHeader>{partnerName(partner)}</RowHeader>
            {dataset.periods.map((period) => {
              const c = cellOf(partner, period);
              if (!c)
                return (
                  <Table.Td key={period} ta="center">
                    —
                  </Table.Td>
                );
              const status = t(`status.${c.status}`);
              const content = (
                <>
                  <Badge component="span" color={STATUS_COLORS[c.status] ?? 'gray'} variant="light" size="sm" tt="none">
                    {status}
                  </Badge>
                  {c.late && (
                    <Text component="span" display="block" size="xs" fw={700} c="red.8">
                      {t('statistics.late')}
                    </Text>
                  )}
                </>
              );
              const text = c.late ? t('migration.compliance.lateStatus', { status }) : status;
              return (
                <Table.Td
                  key={period}
                  ta="center"
                  bg={c.late ? 'red.0' : undefined}
                  title={t('migration.compliance.due', { date: c.dueDate })}
                >
                  {mayOpen(c) ? (
                    <Anchor
                      component={Link}
                      to={`/statistics/${encodeURIComponent(dataset.dataset)}/${c.partner}/${c.period}`}
                      underline="never"
                      aria-label={t('migration.compliance.open', {
                        partner: partnerName(partner),
                        month: formatMonth(period),
                        status: text,
                      })}
                    >
                      {content}
                    </Anchor>
                  ) : (
                    content
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}
