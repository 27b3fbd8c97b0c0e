// Reporting compliance (signed-in users): for each migration dataset, partners × the last six
// months, the status of each submission; late ones in red and marked "late" in words too. A cell
// links to the submission where the viewer may open it.
import { Alert, Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { STATUS_COLORS } from '../statistics/model';
import { formatMonth, useCompliance, type ComplianceCell, type ComplianceDataset } from './model';

export function ComplianceGrid({ user, partnerName }: { user: User; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const compliance = useCompliance(user);
  if (compliance.error)
    return (
      <Alert color="red" role="alert">
        {compliance.error.message}
      </Alert>
    );
  if (!compliance.data)
    return (
      <Text size="sm" c="dimmed">
        {t('migration.loading')}
      </Text>
    );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('migration.compliance.intro')}
      </Text>
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
      <Title order={4} size="h5" id={titleId}>
        {dataset.label}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table withColumnBorders aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('migration.partners.partner')}</Table.Th>
              {dataset.periods.map((p) => (
                <Table.Th key={p} scope="col" ta="center">
                  {formatMonth(p)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {partners.map((partner) => (
              <Table.Tr key={partner}>
                <Table.Th scope="row" fw={400}>
                  {partnerName(partner)}
                </Table.Th>
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
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
