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

type Report = Round['reports'][number];

export function RoundPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const round = useRound(id);
  const back = (
    <BackLink to={round.data ? pages.plan(round.data.plan) : pages.home}>{round.data?.planTitle ?? t('commitments.back')}</BackLink>
  );

  if (round.error || !round.data) {
    return <QueryState error={round.error} back={back} loading={t('commitments.loading')} notFound={t('commitments.roundNotFound')} />;
  }
  const r = round.data;
  const own = user?.role === 'coordinator' && user.partner ? r.reports.find((x) => x.partner === user.partner) : undefined;

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
      {own && <OwnReport round={r} report={own} />}
      <RoundDownloads round={r} />
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
            <ReportRow key={x.partner} round={r} report={x} canOpen={canOpenReport(user, r, x)} />
          ))}
        </DataTable>
      </Section>
      {canManage(user) && <PublishPanel round={r} />}
    </Stack>
  );
}

/** The coordinator's own report, prominent above the others. */
function OwnReport({ round, report }: { round: Round; report: Report }) {
  const { t } = useTranslation();
  const name = usePartnerName();
  return (
    <Alert color="blue" variant="light" title={t('commitments.ownReportTitle', { partner: name(report.partner) })}>
      <Group gap="sm">
        <ReportStatusBadge status={report.status} />
        <Button component={Link} to={pages.report(round.id, report.partner)}>
          {t('commitments.openOwnReport', { partner: name(report.partner) })}
        </Button>
      </Group>
    </Alert>
  );
}

/** The round's reports as CSV and XLSX, and the printable report. */
function RoundDownloads({ round }: { round: Round }) {
  const { t } = useTranslation();
  const api1 = `/api/v1/rounds/${encodeURIComponent(round.id)}`;
  return (
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
  );
}

/** One partner's report: its state, counts, submission, and a link when the viewer may open it. */
function ReportRow({ round, report: x, canOpen }: { round: Round; report: Report; canOpen: boolean }) {
  const { t } = useTranslation();
  const name = usePartnerName();
  return (
    <Table.Tr>
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
        {canOpen ? (
          <Anchor component={Link} to={pages.report(round.id, x.partner)} size="sm">
            {t('commitments.openReport', { partner: name(x.partner) })}
          </Anchor>
        ) : (
          <Muted>{round.status === 'published' ? t('commitments.notReported') : t('commitments.notVisibleYet')}</Muted>
        )}
      </Table.Td>
    </Table.Tr>
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
  const ask = () => {
    // The list of who has not reported must be today's, not the one of when the page was opened.
    void client.invalidateQueries({ queryKey: ['round', round.id] });
    publish.reset();
    setEarly(false);
    setAsking(true);
  };
  const waiting = waitingOf(round);
  // Once published there is nothing left to do here but to confirm it to whoever just did it.
  if (round.status === 'published' && !done) return null;
  return (
    <Section id="publish-title" title={t('commitments.publish.title')} gap="sm">
      {round.status === 'open' && (
        <>
          <Text size="sm">{t('commitments.publish.intro')}</Text>
          <Waiting count={waiting} />
          <Group>
            <Button onClick={ask}>{t('commitments.publish.button')}</Button>
          </Group>
        </>
      )}
      {done && <SuccessAlert>{t('commitments.publish.done')}</SuccessAlert>}
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('commitments.publish.dialogTitle', { title: round.title })}>
        <PublishDialog round={round} publish={publish} early={early} onEarly={setEarly} onCancel={() => setAsking(false)} />
      </Modal>
    </Section>
  );
}

/** How many reports are submitted and wait for an assessment. */
const waitingOf = (round: Round) => round.reports.filter((x) => x.status === 'submitted').length;

/** How many reports wait for an assessment (nothing when none do). */
function Waiting({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Text size="sm" c="orange.9">
      {t('commitments.publish.waiting', { count })}
    </Text>
  );
}

interface DialogProps {
  round: Round;
  publish: { mutate: (early: boolean) => void; error: Error | null; isPending: boolean };
  /** Whether the user chose to publish before the due date. */
  early: boolean;
  onEarly: (early: boolean) => void;
  onCancel: () => void;
}

/** What publishing does, and before the due date the explicit choice to publish early. */
function PublishDialog({ round, publish, early, onEarly, onCancel }: DialogProps) {
  const { t } = useTranslation();
  const duePassed = round.dueDate < today();
  const confirm = handleSubmit(() => {
    if (duePassed || early) publish.mutate(!duePassed);
  });
  return (
    <form onSubmit={confirm}>
      <Stack>
        <PublishConsequences round={round} />
        <Waiting count={waitingOf(round)} />
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
              onChange={(e) => onEarly(e.currentTarget.checked)}
            />
          </>
        )}
        <Text size="sm">{t('commitments.publish.final')}</Text>
        <ErrorAlert error={publish.error} />
        <DialogButtons
          cancel={t('commitments.publish.cancel')}
          onCancel={onCancel}
          disabled={!duePassed && !early}
          loading={publish.isPending}
        >
          {t('commitments.publish.confirm')}
        </DialogButtons>
      </Stack>
    </form>
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
