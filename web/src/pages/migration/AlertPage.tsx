// One early warning (where notifications lead): what fired, the value against the threshold, every
// recipient with the reason they were told and whether they have acknowledged, and the viewer's
// own "Acknowledge".
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { User } from '../../platform/api';
import { formatDateTime } from '../../platform/format';
import { QueryState } from '../../platform/QueryState';
import { usePartnerName } from '../statistics/model';
import { AcknowledgeControl, AcknowledgedBy, alertSubject, alertValue } from './Alerts';
import { formatMonth, paths, useAlert } from './model';

export function AlertPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const alert = useAlert(user, id);
  const partnerName = usePartnerName();
  const back = (
    <Anchor component={Link} to={paths.dashboard} size="sm">
      ← {t('migration.back')}
    </Anchor>
  );

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
          {a.mine && !a.mine.acknowledgedAt && (
            <Badge color="orange" variant="light">
              {t('migration.alerts.open')}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t('migration.alerts.raised', { when: formatDateTime(a.createdAt) })}
          </Text>
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
      <Paper withBorder p="md" component="section" aria-labelledby="recipients-title">
        <Title order={3} size="h4" id="recipients-title">
          {t('migration.alerts.recipients')}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="recipients-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('migration.alerts.name')}</Table.Th>
                <Table.Th scope="col">{t('migration.alerts.email')}</Table.Th>
                <Table.Th scope="col">{t('migration.partners.partner')}</Table.Th>
                <Table.Th scope="col">{t('migration.alerts.reasonColumn')}</Table.Th>
                <Table.Th scope="col">{t('migration.alerts.acknowledgedColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.recipients.map((r) => (
                <Table.Tr key={r.email}>
                  <Table.Th scope="row" fw={400}>
                    {r.name}
                  </Table.Th>
                  <Table.Td>{r.email}</Table.Td>
                  <Table.Td>{r.partner ? partnerName(r.partner) : '—'}</Table.Td>
                  <Table.Td>{t(`migration.alerts.reason.${r.reason}`)}</Table.Td>
                  <Table.Td>
                    {r.acknowledgedAt ? (
                      <time dateTime={r.acknowledgedAt}>{formatDateTime(r.acknowledgedAt)}</time>
                    ) : (
                      t('migration.alerts.notYet')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
