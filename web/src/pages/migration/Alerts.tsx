// Early warnings: one alert as a card (what fired, the value against the threshold, who has
// acknowledged, the viewer's own "Acknowledge"), and the feed of the latest ones.
import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { formatDateTime } from '../../platform/format';
import { Muted } from '../../platform/text';
import { conditionSign, formatMonth, formatWithUnit, paths, useAcknowledge, useAlerts, type AlertView } from './model';

/** "94.4 % (threshold ≥ 90 %)". */
export function alertValue(alert: AlertView): string {
  return `${formatWithUnit(alert.value, alert.unit)} (${conditionSign(alert.condition)} ${formatWithUnit(alert.threshold, alert.unit)})`;
}

/** The alert's subject as a person reads it: the centre, the partner's name or the region. */
export function alertSubject(alert: AlertView, partnerName: (code: string) => string): string {
  return alert.scope === 'partner' ? partnerName(alert.scopeCode) : alert.scopeName;
}

/** "Open" while the viewer, a recipient, has not acknowledged the alert. */
export function OpenBadge({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  if (!alert.mine || alert.mine.acknowledgedAt) return null;
  return (
    <Badge color="orange" variant="light">
      {t('migration.alerts.open')}
    </Badge>
  );
}

/** The viewer's acknowledgement: the button while it is open, the date once done; nothing when not a recipient. */
export function AcknowledgeControl({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  const ack = useAcknowledge();
  if (!alert.mine) return null;
  if (alert.mine.acknowledgedAt) {
    return (
      <Text size="sm" c="teal.8" role="status">
        {t('migration.alerts.youAcknowledged', { when: formatDateTime(alert.mine.acknowledgedAt) })}
      </Text>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        onClick={() => ack.mutate(alert.id)}
        loading={ack.isPending}
        aria-label={t('migration.alerts.acknowledgeNamed', { label: alert.label, subject: alert.scopeName })}
      >
        {t('migration.alerts.acknowledge')}
      </Button>
      {ack.error && (
        <Text size="sm" c="red" role="alert">
          {ack.error.message}
        </Text>
      )}
    </Stack>
  );
}

/** Who of the recipients has acknowledged, by name and e-mail. */
export function AcknowledgedBy({ alert }: { alert: AlertView }) {
  const { t } = useTranslation();
  const done = alert.recipients.filter((r) => r.acknowledgedAt !== null);
  return (
    <Text size="sm">
      <Text span fw={600}>
        {t('migration.alerts.acknowledgedBy', { count: done.length, total: alert.recipients.length })}
      </Text>{' '}
      {done.length === 0 ? t('migration.alerts.nobodyYet') : done.map((r) => `${r.name} (${r.email})`).join(', ')}
    </Text>
  );
}

export function AlertCard({ alert, partnerName }: { alert: AlertView; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const subject = alertSubject(alert, partnerName);
  const titleId = `alert-${alert.id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor component={Link} to={paths.alert(alert.id)} fw={700} id={titleId}>
            {t('migration.alerts.title', { label: alert.label, subject, month: formatMonth(alert.period) })}
          </Anchor>
          <OpenBadge alert={alert} />
        </Group>
        <Text size="sm">
          {alert.indicatorLabel}:{' '}
          <Text span fw={700}>
            {alertValue(alert)}
          </Text>
        </Text>
        <Muted size="xs">{t('migration.alerts.raised', { when: formatDateTime(alert.createdAt) })}</Muted>
        <AcknowledgedBy alert={alert} />
        <AcknowledgeControl alert={alert} />
      </Stack>
    </Paper>
  );
}

/** The latest alerts the viewer may see (the Commission and reviewers all; coordinators those addressed to them). */
export function AlertFeed({ user, partnerName }: { user: User; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const alerts = useAlerts(user);
  if (alerts.error || !alerts.data) return <LoadingNote error={alerts.error} />;
  const list = alerts.data.alerts;
  return (
    <Stack gap="sm">
      <Muted>{t(user.role === 'coordinator' ? 'migration.alerts.introCoordinator' : 'migration.alerts.introAll')}</Muted>
      {list.length === 0 && <Text size="sm">{t('migration.alerts.none')}</Text>}
      {list.map((a) => (
        <AlertCard key={a.id} alert={a} partnerName={partnerName} />
      ))}
    </Stack>
  );
}

/** In place of a part of the dashboard that is not there yet: its error, or a quiet "Loading…". */
export function LoadingNote({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  return error ? <ErrorAlert error={error} /> : <Muted>{t('migration.loading')}</Muted>;
}
