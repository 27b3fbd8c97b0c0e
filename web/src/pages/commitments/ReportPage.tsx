// One partner's progress report in a round. The partner's coordinator (or an admin) sets a status
// and narrative per commitment, adds evidence, saves and submits; reviewers and the Commission
// assess each commitment, save, or return the report with a comment; everyone else reads it as far
// as the server lets them. Saves carry the version read, so a concurrent change is refused (409).
import { formatDateTime } from '../../platform/format';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { BackLink } from '../../platform/BackLink';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { usePartnerName } from '../statistics/model';
import { ReportStatusBadge, RoundStatusBadge } from './Badges';
import { pages, useReport, type Report } from './model';
import { ReportEntry } from './ReportEntry';
import { useReportWorkflow, type Notice, type ReportWorkflow } from './report-workflow';

export function ReportPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id ?? '';
  const partner = (params.partner ?? '').toUpperCase();
  const report = useReport(id, partner);
  const name = usePartnerName()(partner);
  const back = <BackLink to={pages.round(id)}>{report.data?.round.title ?? t('commitments.backToRound')}</BackLink>;

  if (report.error || !report.data) {
    return (
      <QueryState
        error={report.error}
        back={back}
        loading={t('commitments.loading')}
        notFound={t('commitments.reportNotFound')}
        title={t('commitments.reportUnavailable', { partner: name })}
      />
    );
  }
  return (
    <Stack>
      {back}
      <ReportForm key={`${id}|${partner}`} report={report.data} partnerName={name} onReload={() => report.refetch()} />
    </Stack>
  );
}

function ReportForm({ report, partnerName, onReload }: { report: Report; partnerName: string; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { round, can } = report;
  const flow = useReportWorkflow(report, onReload);
  return (
    <Stack>
      <ReportHeader report={report} partnerName={partnerName} />
      {report.status === 'returned' && report.returnComment && (
        <Alert color="orange" title={t('commitments.returnedTitle')}>
          <Paragraphs text={report.returnComment} />
        </Alert>
      )}
      {!can.edit && !can.assess && (
        <Alert color="gray" variant="light">
          {t(round.status === 'published' ? 'commitments.readOnly.published' : `commitments.readOnly.${report.status}`)}
        </Alert>
      )}
      {report.entries.map((e) => (
        <ReportEntry
          key={e.commitment}
          round={round.id}
          partner={report.partner}
          entry={e}
          values={flow.values(e)}
          canEdit={can.edit}
          canAssess={can.assess}
          onEdit={flow.edit(e.commitment)}
          onEvidence={flow.onEvidence(e.commitment)}
        />
      ))}
      {(can.edit || can.assess || flow.notice) && (
        <Section id="report-workflow-title" title={t('workflow.title')} gap="sm">
          {can.edit && <PartnerActions canSubmit={can.submit} flow={flow} />}
          {can.assess && <AssessorActions canReturn={can.return} flow={flow} />}
          {flow.notice && <WorkflowNotice notice={flow.notice} onClose={() => flow.setNotice(null)} onReload={() => void flow.reload()} />}
        </Section>
      )}
    </Stack>
  );
}

function ReportHeader({ report, partnerName }: { report: Report; partnerName: string }) {
  const { t } = useTranslation();
  const { round } = report;
  return (
    <Stack gap={4}>
      <Title order={2}>{t('commitments.reportTitle', { partner: partnerName })}</Title>
      <Text>
        <Anchor component={Link} to={pages.round(round.id)}>
          {round.title}
        </Anchor>{' '}
        ·{' '}
        <Anchor component={Link} to={pages.plan(round.plan)}>
          {round.planTitle}
        </Anchor>
      </Text>
      <Group gap="sm">
        <ReportStatusBadge status={report.status} />
        {round.status === 'published' && <RoundStatusBadge status="published" />}
        <Text size="sm">{t('commitments.periodRange', { start: round.periodStart, end: round.periodEnd })}</Text>
        <Text size="sm">{t('commitments.dueOn', { date: round.dueDate })}</Text>
        <Muted>{t('commitments.versionIs', { version: report.version })}</Muted>
        {report.submittedAt && (
          <Muted>{t('commitments.submittedBy', { who: report.submittedBy ?? '—', when: formatDateTime(report.submittedAt) })}</Muted>
        )}
      </Group>
    </Stack>
  );
}

function PartnerActions({ canSubmit, flow }: { canSubmit: boolean; flow: ReportWorkflow }) {
  const { t } = useTranslation();
  const { save, submit, busy } = flow;
  return (
    <Stack gap="xs">
      <Muted>{t('commitments.workflow.submitHelp')}</Muted>
      <Group gap="sm">
        <Button variant="light" onClick={() => save.mutate()} disabled={flow.partnerChanges.length === 0 || busy} loading={save.isPending}>
          {t('commitments.workflow.save')}
        </Button>
        {canSubmit && (
          <Button onClick={() => submit.mutate()} disabled={busy} loading={submit.isPending}>
            {t('commitments.workflow.submit')}
          </Button>
        )}
        <Muted>{t('commitments.workflow.unsaved', { count: flow.partnerChanges.length })}</Muted>
      </Group>
    </Stack>
  );
}

function AssessorActions({ canReturn, flow }: { canReturn: boolean; flow: ReportWorkflow }) {
  const { t } = useTranslation();
  const { assess, giveBack, returnComment, busy } = flow;
  const confirmReturn = handleSubmit(() => {
    if (returnComment.trim()) giveBack.mutate();
  });
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button onClick={() => assess.mutate()} disabled={flow.assessmentChanges.length === 0 || busy} loading={assess.isPending}>
          {t('commitments.workflow.saveAssessments')}
        </Button>
        <Muted>{t('commitments.workflow.unsaved', { count: flow.assessmentChanges.length })}</Muted>
      </Group>
      {canReturn && (
        <Stack component="form" onSubmit={confirmReturn} gap="xs" maw={640}>
          <LongTextField
            label={t('commitments.workflow.returnComment')}
            description={t('commitments.workflow.returnHelp')}
            value={returnComment}
            onChange={(e) => flow.setReturnComment(e.currentTarget.value)}
          />
          <SubmitButton variant="default" disabled={!returnComment.trim() || busy} loading={giveBack.isPending}>
            {t('commitments.workflow.return')}
          </SubmitButton>
        </Stack>
      )}
    </Stack>
  );
}

/** What came of the last step; a refused save (409) offers to reload the current report. */
function WorkflowNotice({ notice, onClose, onReload }: { notice: Notice; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color={notice.ok ? 'green' : 'red'} role={notice.ok ? 'status' : 'alert'} withCloseButton onClose={onClose}>
      {notice.text}
      {notice.stale && (
        <Group mt="xs">
          <Button size="xs" variant="default" onClick={onReload}>
            {t('commitments.workflow.reload')}
          </Button>
        </Group>
      )}
    </Alert>
  );
}
