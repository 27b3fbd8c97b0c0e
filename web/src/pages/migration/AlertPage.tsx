// One early warning (where notifications lead): what fired, the value against the threshold, every
// recipient with the reason they were told and whether they have acknowledged, and the viewer's
// own "Acknowledge".
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { formatDateTime } from '../../platform/format';
import { Instant } from '../../platform/Instant';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { usePartnerName } from '../statistics/model';
import { AcknowledgeControl, AcknowledgedBy, alertSubject, alertValue, OpenBadge } from './Alerts';
import { formatMonth, paths, useAlert } from './model';

export function AlertPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const alert = useAlert(user, id);
  const partnerName = usePartnerName();
  const back = <BackLink to={paths.dashboard}>{t('migration.back')}</BackLink>;

  if (alert.error || !alert.data) {
    return <QueryState error={alert.error} back={back} loading={t('migration.loading')} notFound={t('migration.alerts.notFound')} />;
  }
  const a = alert.data;
  const subject = alertSubject(a, partnerName);
  const dashboardOfMonth = `${paths.dashboard}?${new URLSearchParams({ period: a.period })}`;

  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={2}>{t('migration.alerts.title', { label: a.label, subject, month: formatMonth(a.period) })}</Title>
        <Group gap="sm">
          <Badge variant="light">{t(`migration.alerts.scope.${a.scope}`)}</Badge>
          <OpenBadge alert={a} />
          <Muted>{t('migration.alerts.raised', { when: formatDateTime(a.createdAt) })}</Muted>
        </Group>
      </Stack>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text>
            {a.indicatorLabel} — {subject}, {formatMonth(a.period)}:{' '}
            <Text span fw={700}>
              {alertValue(a)}
            </Text>
          </Text>
          <Anchor component={Link} to={dashboardOfMonth} size="sm">
            {t('migration.alerts.toDashboard', { month: formatMonth(a.period) })}
          </Anchor>
          <AcknowledgedBy alert={a} />
          <AcknowledgeControl alert={a} />
        </Stack>
      </Paper>
      <Section id="recipients-title" title={t('migration.alerts.recipients')}>
        <DataTable
          minWidth={640}
          striped
          aria-labelledby="recipients-title"
          columns={[
            t('migration.alerts.name'),
            t('migration.alerts.email'),
            t('migration.partners.partner'),
            t('migration.alerts.reasonColumn'),
            t('migration.alerts.acknowledgedColumn'),
          ]}
        >
          {a.recipients.map((r) => (
            <Table.Tr key={r.email}>
              <RowHeader>{r.name}</RowHeader>
              <Table.Td>{r.email}</Table.Td>
              <Table.Td>{r.partner ? partnerName(r.partner) : '—'}</Table.Td>
              <Table.Td>{t(`migration.alerts.reason.${r.reason}`)}</Table.Td>
              <Table.Td>
                <Instant iso={r.acknowledgedAt} missing={t('migration.alerts.notYet')} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
    </Stack>
  );
}
