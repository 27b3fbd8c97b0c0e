// One partner's progress report in a round. The partner's coordinator (or an admin) sets a status
// and narrative per commitment, adds evidence, saves and submits; reviewers and the Commission
// assess each commitment, save, or return the report with a comment; everyone else reads it as far
// as the server lets them. Saves carry the version read, so a concurrent change is refused (409).
import { formatDateTime } from '../../platform/format';
import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { handleSubmit, LongTextField, SubmitButton } from '../../platform/forms';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { usePartnerName } from '../statistics/model';
import { ReportStatusBadge, RoundStatusBadge } from './Badges';
import { pages, paths, refreshCommitments, reportKey, useReport, type Entry, type Evidence, type Report } from './model';
import { ReportEntry, type EntryValues } from './ReportEntry';

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

type Edits = Record<string, Partial<EntryValues>>;
interface Notice {
  ok: boolean;
  text: string;
  stale?: boolean;
}

function stored(e: Entry): EntryValues {
  return { status: e.status ?? '', narrative: e.narrative ?? '', assessment: e.assessment ?? '', comment: e.assessmentComment ?? '' };
}

/** The edits without the given fields of the commitments sent (once they are saved). */
function without(edits: Edits, sent: { commitment: string }[], fields: (keyof EntryValues)[]): Edits {
  const next: Edits = { ...edits };
  for (const { commitment: c } of sent) {
    const rest = { ...next[c] };
    for (const f of fields) delete rest[f];
    if (Object.keys(rest).length) next[c] = rest;
    else delete next[c];
  }
  return next;
}

function ReportForm({ report, partnerName, onReload }: { report: Report; partnerName: string; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { round, can } = report;
  const base = paths.report(round.id, report.partner);
  const [edits, setEdits] = useState<Edits>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [returnComment, setReturnComment] = useState('');
  const values = (e: Entry): EntryValues => ({ ...stored(e), ...edits[e.commitment] });
  const changed = (fields: (keyof EntryValues)[]) => report.entries.filter((e) => fields.some((f) => values(e)[f] !== stored(e)[f]));
  const partnerChanges = can.edit ? changed(['status', 'narrative']) : [];
  const assessmentChanges = can.assess ? changed(['assessment', 'comment']) : [];
  const patch = (fn: (r: Report) => Report) =>
    client.setQueryData<Report>(reportKey(round.id, report.partner), (old) => (old ? fn(old) : old));
  const edit = (commitment: string) => (field: keyof EntryValues, value: string) =>
    setEdits((all) => ({ ...all, [commitment]: { ...all[commitment], [field]: value } }));

  /** Saves the partner's unsaved statuses and narratives; answers the report's version after it. */
  const saveEntries = async (): Promise<{ version: number; changed: number }> => {
    if (partnerChanges.length === 0) return { version: report.version, changed: 0 };
    const sent = partnerChanges.map((e) => {
      const v = values(e);
      return { commitment: e.commitment, status: (v.status || null) as Entry['status'], narrative: v.narrative.trim() || null };
    });
    const result = await api<{ version: number; changed: number }>('PUT', `${base}/entries`, { version: report.version, entries: sent });
    patch((r) => ({
      ...r,
      version: result.version,
      entries: r.entries.map((e) => ({ ...e, ...sent.find((s) => s.commitment === e.commitment) })),
    }));
    setEdits((all) => without(all, sent, ['status', 'narrative']));
    return result;
  };
  /** What each step of the workflow does around its request: the notice cleared, then what came of it. */
  const step = <T,>(done: (result: T) => string) => ({
    onMutate: () => setNotice(null),
    onSuccess: (result: T) => {
      setNotice({ ok: true, text: done(result) });
      void refreshCommitments(client);
    },
    onError: (error: Error) => setNotice({ ok: false, text: error.message, stale: error instanceof ApiError && error.status === 409 }),
  });
  const save = useMutation({
    mutationFn: saveEntries,
    ...step((result: { changed: number }) => t('commitments.workflow.saved', { count: result.changed })),
  });
  const submit = useMutation({
    mutationFn: async () => {
      const { version } = await saveEntries();
      return api<{ status: string; version: number }>('POST', `${base}/submit`, { version });
    },
    ...step(() => t('commitments.workflow.submitted')),
  });
  const assess = useMutation({
    mutationFn: async () => {
      const sent = assessmentChanges.map((e) => {
        const v = values(e);
        return { commitment: e.commitment, assessment: (v.assessment || null) as Entry['assessment'], comment: v.comment.trim() || null };
      });
      const result = await api<{ status: Report['status']; version: number; changed: number }>('PUT', `${base}/assessments`, {
        version: report.version,
        assessments: sent,
      });
      patch((r) => ({
        ...r,
        status: result.status,
        version: result.version,
        entries: r.entries.map((e) => {
          const s = sent.find((x) => x.commitment === e.commitment);
          return s ? { ...e, assessment: s.assessment, assessmentComment: s.comment } : e;
        }),
      }));
      setEdits((all) => without(all, sent, ['assessment', 'comment']));
      return result;
    },
    ...step((result: { status: Report['status']; changed: number }) =>
      result.status === 'assessed'
        ? t('commitments.workflow.assessedAll')
        : t('commitments.workflow.assessmentsSaved', { count: result.changed }),
    ),
  });
  const giveBack = useMutation({
    mutationFn: () =>
      api<{ status: string; version: number }>('POST', `${base}/return`, { version: report.version, comment: returnComment.trim() }),
    ...step(() => {
      setReturnComment('');
      return t('commitments.workflow.returned');
    }),
  });
  const onEvidence =
    (commitment: string) =>
    ({ added, removed }: { added?: Evidence; removed?: string }) => {
      patch((r) => ({
        ...r,
        entries: r.entries.map((e) =>
          e.commitment !== commitment ? e : { ...e, evidence: [...e.evidence.filter((v) => v.id !== removed), ...(added ? [added] : [])] },
        ),
      }));
      // No refetch: it would also take in a version saved meanwhile by someone else and so hide the conflict from the next save.
    };
  const confirmReturn = handleSubmit(() => {
    if (returnComment.trim()) giveBack.mutate();
  });
  // Forget the unsaved changes only once the current report is there, so that the old values never show again.
  const reload = async () => {
    await onReload();
    setEdits({});
    setNotice(null);
  };
  const busy = save.isPending || submit.isPending || assess.isPending || giveBack.isPending;

  return (
    <Stack>
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
          values={values(e)}
          canEdit={can.edit}
          canAssess={can.assess}
          onEdit={edit(e.commitment)}
          onEvidence={onEvidence(e.commitment)}
        />
      ))}
      {(can.edit || can.assess || notice) && (
        <Section id="report-workflow-title" title={t('workflow.title')} gap="sm">
          {can.edit && (
            <Stack gap="xs">
              <Muted>{t('commitments.workflow.submitHelp')}</Muted>
              <Group gap="sm">
                <Button
                  variant="light"
                  onClick={() => save.mutate()}
                  disabled={partnerChanges.length === 0 || busy}
                  loading={save.isPending}
                >
                  {t('commitments.workflow.save')}
                </Button>
                {can.submit && (
                  <Button onClick={() => submit.mutate()} disabled={busy} loading={submit.isPending}>
                    {t('commitments.workflow.submit')}
                  </Button>
                )}
                <Muted>{t('commitments.workflow.unsaved', { count: partnerChanges.length })}</Muted>
              </Group>
            </Stack>
          )}
          {can.assess && (
            <Stack gap="xs">
              <Group gap="sm">
                <Button onClick={() => assess.mutate()} disabled={assessmentChanges.length === 0 || busy} loading={assess.isPending}>
                  {t('commitments.workflow.saveAssessments')}
                </Button>
                <Muted>{t('commitments.workflow.unsaved', { count: assessmentChanges.length })}</Muted>
              </Group>
              {can.return && (
                <Stack component="form" onSubmit={confirmReturn} gap="xs" maw={640}>
                  <LongTextField
                    label={t('commitments.workflow.returnComment')}
                    description={t('commitments.workflow.returnHelp')}
                    value={returnComment}
                    onChange={(e) => setReturnComment(e.currentTarget.value)}
                  />
                  <SubmitButton variant="default" disabled={!returnComment.trim() || busy} loading={giveBack.isPending}>
                    {t('commitments.workflow.return')}
                  </SubmitButton>
                </Stack>
              )}
            </Stack>
          )}
          {notice && (
            <Alert
              color={notice.ok ? 'green' : 'red'}
              role={notice.ok ? 'status' : 'alert'}
              withCloseButton
              onClose={() => setNotice(null)}
            >
              {notice.text}
              {notice.stale && (
                <Group mt="xs">
                  <Button size="xs" variant="default" onClick={() => void reload()}>
                    {t('commitments.workflow.reload')}
                  </Button>
                </Group>
              )}
            </Alert>
          )}
        </Section>
      )}
    </Stack>
  );
}
