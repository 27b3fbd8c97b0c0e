// One reporting round: its period, due date and status; the state of each partner's report with a
// link to it (a coordinator gets a prominent link to their own, and sees other partners' reports as
// "not published", without counts, until the round is published); downloads (CSV, XLSX) and the
// printable report; and for the Commission the Publish button, which asks first: who has not
// reported and will be shown so, and whether the due date has passed (before it, an explicit choice).
import { formatDateTime } from '../../platform/format';
import { Alert, Anchor, Button, Checkbox, Group, List, Modal, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, type User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { usePartnerName, usePartnerOrder } from '../statistics/model';
import { ReportStatusBadge, RoundStatusBadge } from './Badges';
import { canManage, canOpenReport, pages, refreshCommitments, useRound, type Round } from './model';

export function RoundPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const round = useRound(id);
  const name = usePartnerName();
  const back = (
    <BackLink to={round.data ? pages.plan(round.data.plan) : pages.home}>{round.data?.planTitle ?? t('commitments.back')}</BackLink>
  );

  if (round.error || !round.data) {
    return <QueryState error={round.error} back={back} loading={t('commitments.loading')} notFound={t('commitments.roundNotFound')} />;
  }
  const r = round.data;
  const own = user?.role === 'coordinator' && user.partner ? r.reports.find((x) => x.partner === user.partner) : undefined;
  const api1 = `/api/v1/rounds/${encodeURIComponent(r.id)}`;

  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={2}>{r.title}</Title>
        <Group gap="sm">
          <RoundStatusBadge status={r.status} />
          <Text size="sm">{t('commitments.periodRange', { start: r.periodStart, end: r.periodEnd })}</Text>
          <Text size="sm">{t('commitments.dueOn', { date: r.dueDate })}</Text>
          {r.publishedAt && <Muted>{t('commitments.publishedOn', { when: formatDateTime(r.publishedAt) })}</Muted>}
        </Group>
      </Stack>
      {own && (
        <Alert color="blue" variant="light" title={t('commitments.ownReportTitle', { partner: name(own.partner) })}>
          <Group gap="sm">
            <ReportStatusBadge status={own.status} />
            <Button component={Link} to={pages.report(r.id, own.partner)}>
              {t('commitments.openOwnReport', { partner: name(own.partner) })}
            </Button>
          </Group>
        </Alert>
      )}
      <Group gap="md">
        <Anchor href={`${api1}/export?format=csv`} download size="sm">
          {t('commitments.downloadCsv')}
        </Anchor>
        <Anchor href={`${api1}/export?format=xlsx`} download size="sm">
          {t('commitments.downloadXlsx')}
        </Anchor>
        <Anchor href={`${api1}/report.html`} target="_blank" rel="noopener" size="sm">
          {t('commitments.printable')}
        </Anchor>
      </Group>
      <Section id="reports-title" title={t('commitments.reports')}>
        <DataTable
          minWidth={720}
          striped
          aria-labelledby="reports-title"
          columns={[
            t('commitments.partner'),
            t('commitments.statusColumn'),
            { label: t('commitments.reported'), ta: 'right' },
            { label: t('commitments.assessed'), ta: 'right' },
            t('commitments.submittedAt'),
            t('commitments.report'),
          ]}
        >
          {r.reports.map((x) => (
            <Table.Tr key={x.partner}>
              <RowHeader>{name(x.partner)}</RowHeader>
              <Table.Td>
                <ReportStatusBadge status={x.status} />
              </Table.Td>
              <Table.Td ta="right">
                <Count x={x.reported} y={x.commitments} />
              </Table.Td>
              <Table.Td ta="right">
                <Count x={x.assessed} y={x.commitments} />
              </Table.Td>
              <Table.Td>{formatDateTime(x.submittedAt)}</Table.Td>
              <Table.Td>
                {canOpenReport(user, r, x) ? (
                  <Anchor component={Link} to={pages.report(r.id, x.partner)} size="sm">
                    {t('commitments.openReport', { partner: name(x.partner) })}
                  </Anchor>
                ) : (
                  <Muted>{r.status === 'published' ? t('commitments.notReported') : t('commitments.notVisibleYet')}</Muted>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
      {canManage(user) && <PublishPanel round={r} />}
    </Stack>
  );
}

/** "x of y" commitments, or a dash while the report's state is not visible to the viewer (x is null). */
function Count({ x, y }: { x: number | null; y: number }) {
  const { t } = useTranslation();
  if (x === null)
    return (
      <Muted span>
        <span aria-hidden="true">—</span>
        <VisuallyHidden>{t('commitments.reportStatus.not_published')}</VisuallyHidden>
      </Muted>
    );
  return <>{t('commitments.xOfY', { x, y })}</>;
}

/** Today as the server compares due dates (UTC): the due date is the partners' last day to report. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function PublishPanel({ round }: { round: Round }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  const [asking, setAsking] = useState(false);
  const [early, setEarly] = useState(false);
  const publish = useMutation({
    mutationFn: (asEarly: boolean) =>
      api<Round>('POST', `/rounds/${encodeURIComponent(round.id)}/publish`, {
        version: round.version,
        ...(asEarly ? { early: true } : {}),
      }),
    onMutate: () => setDone(false),
    onSuccess: async (published) => {
      client.setQueryData(['round', round.id], published);
      setAsking(false);
      setDone(true);
      await refreshCommitments(client);
    },
  });
  const duePassed = round.dueDate < today();
  const ask = () => {
    // The list of who has not reported must be today's, not the one of when the page was opened.
    void client.invalidateQueries({ queryKey: ['round', round.id] });
    publish.reset();
    setEarly(false);
    setAsking(true);
  };
  const confirm = handleSubmit(() => {
    if (duePassed || early) publish.mutate(!duePassed);
  });
  const waiting = round.reports.filter((x) => x.status === 'submitted').length;
  // Once published there is nothing left to do here but to confirm it to whoever just did it.
  if (round.status === 'published' && !done) return null;
  return (
    <Section id="publish-title" title={t('commitments.publish.title')} gap="sm">
      {round.status === 'open' && (
        <>
          <Text size="sm">{t('commitments.publish.intro')}</Text>
          {waiting > 0 && (
            <Text size="sm" c="orange.9">
              {t('commitments.publish.waiting', { count: waiting })}
            </Text>
          )}
          <Group>
            <Button onClick={ask}>{t('commitments.publish.button')}</Button>
          </Group>
        </>
      )}
      {done && <SuccessAlert>{t('commitments.publish.done')}</SuccessAlert>}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('commitments.publish.dialogTitle', { title: round.title })}>
        <form onSubmit={confirm}>
          <Stack>
            <PublishConsequences round={round} />
            {waiting > 0 && (
              <Text size="sm" c="orange.9">
                {t('commitments.publish.waiting', { count: waiting })}
              </Text>
            )}
            {duePassed ? (
              <Text size="sm">{t('commitments.publish.duePassed', { date: round.dueDate })}</Text>
            ) : (
              <>
                <Alert color="orange" variant="light">
                  {t('commitments.publish.dueAhead', { date: round.dueDate })}
                </Alert>
                <Checkbox
                  label={t('commitments.publish.early', { date: round.dueDate })}
                  description={t('commitments.publish.earlyHelp')}
                  checked={early}
                  onChange={(e) => setEarly(e.currentTarget.checked)}
                />
              </>
            )}
            <Text size="sm">{t('commitments.publish.final')}</Text>
            <ErrorAlert error={publish.error} />
            <DialogButtons
              cancel={t('commitments.publish.cancel')}
              onCancel={() => setAsking(false)}
              disabled={!duePassed && !early}
              loading={publish.isPending}
            >
              {t('commitments.publish.confirm')}
            </DialogButtons>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}

/** The partners whose report was never submitted, in the catalogue's order: publishing shows them as not reported. */
function PublishConsequences({ round }: { round: Round }) {
  const { t } = useTranslation();
  const name = usePartnerName();
  const order = usePartnerOrder();
  const missing = round.reports
    .filter((x) => x.status === 'draft' || x.status === 'returned')
    .map((x) => x.partner)
    .sort(order);
  if (missing.length === 0) return <Text size="sm">{t('commitments.publish.allReported')}</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm">{t('commitments.publish.notReported', { count: missing.length })}</Text>
      <List size="sm" aria-label={t('commitments.publish.notReportedLabel')}>
        {missing.map((code) => (
          <List.Item key={code}>{name(code)}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
