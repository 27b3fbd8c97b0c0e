// The state behind a progress report's form: the unsaved edits per commitment, and the workflow
// steps (save, submit, assess, return) that send them with the version read, so that a concurrent
// change is refused (409) and offered as a reload rather than silently overwritten.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { paths, refreshCommitments, reportKey, type Entry, type Evidence, type Report } from './model';
import type { EntryValues } from './ReportEntry';

type Edits = Record<string, Partial<EntryValues>>;
export interface Notice {
  ok: boolean;
  text: string;
  stale?: boolean;
}
type Patch = (fn: (r: Report) => Report) => void;
type Step = <T>(done: (result: T) => string) => {
  onMutate: () => void;
  onSuccess: (result: T) => void;
  onError: (error: Error) => void;
};

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

/** The unsaved edits over the stored entries, and the entries they change for each side. */
function useEntryEdits(report: Report) {
  const [edits, setEdits] = useState<Edits>({});
  const values = (e: Entry): EntryValues => ({ ...stored(e), ...edits[e.commitment] });
  const changed = (fields: (keyof EntryValues)[]) => report.entries.filter((e) => fields.some((f) => values(e)[f] !== stored(e)[f]));
  return {
    values,
    partnerChanges: report.can.edit ? changed(['status', 'narrative']) : [],
    assessmentChanges: report.can.assess ? changed(['assessment', 'comment']) : [],
    edit: (commitment: string) => (field: keyof EntryValues, value: string) =>
      setEdits((all) => ({ ...all, [commitment]: { ...all[commitment], [field]: value } })),
    forget: (sent: { commitment: string }[], fields: (keyof EntryValues)[]) => setEdits((all) => without(all, sent, fields)),
    clear: () => setEdits({}),
  };
}
type EntryEdits = ReturnType<typeof useEntryEdits>;

/** The notice under the workflow, and what each step does around its request: the notice cleared, then what came of it. */
function useStepNotice(client: QueryClient) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const step: Step = (done) => ({
    onMutate: () => setNotice(null),
    onSuccess: (result) => {
      setNotice({ ok: true, text: done(result) });
      void refreshCommitments(client);
    },
    onError: (error: Error) => setNotice({ ok: false, text: error.message, stale: error instanceof ApiError && error.status === 409 }),
  });
  return { notice, setNotice, step };
}

interface StepDeps {
  report: Report;
  edits: EntryEdits;
  patch: Patch;
  step: Step;
}

/** The partner's steps: save the statuses and narratives, and submit (which saves first). */
function usePartnerSteps({ report, edits, patch, step }: StepDeps) {
  const { t } = useTranslation();
  const base = paths.report(report.round.id, report.partner);
  /** Saves the partner's unsaved statuses and narratives; answers the report's version after it. */
  const saveEntries = async (): Promise<{ version: number; changed: number }> => {
    if (edits.partnerChanges.length === 0) return { version: report.version, changed: 0 };
    const sent = edits.partnerChanges.map((e) => {
      const v = edits.values(e);
      return { commitment: e.commitment, status: (v.status || null) as Entry['status'], narrative: v.narrative.trim() || null };
    });
    const result = await api<{ version: number; changed: number }>('PUT', `${base}/entries`, { version: report.version, entries: sent });
    patch((r) => ({
      ...r,
      version: result.version,
      entries: r.entries.map((e) => ({ ...e, ...sent.find((s) => s.commitment === e.commitment) })),
    }));
    edits.forget(sent, ['status', 'narrative']);
    return result;
  };
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
  return { save, submit };
}

/** The assessor's steps: save the assessments, and return the report with a comment. */
function useAssessorSteps({ report, edits, patch, step }: StepDeps) {
  const { t } = useTranslation();
  const base = paths.report(report.round.id, report.partner);
  const [returnComment, setReturnComment] = useState('');
  const assess = useMutation({
    mutationFn: async () => {
      const sent = edits.assessmentChanges.map((e) => {
        const v = edits.values(e);
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
      edits.forget(sent, ['assessment', 'comment']);
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
  return { assess, giveBack, returnComment, setReturnComment };
}

/** Everything the report form needs: the values shown, the edit handlers and the workflow steps. */
export function useReportWorkflow(report: Report, onReload: () => Promise<unknown>) {
  const client = useQueryClient();
  const edits = useEntryEdits(report);
  const { notice, setNotice, step } = useStepNotice(client);
  const patch: Patch = (fn) => client.setQueryData<Report>(reportKey(report.round.id, report.partner), (old) => (old ? fn(old) : old));
  const partner = usePartnerSteps({ report, edits, patch, step });
  const assessor = useAssessorSteps({ report, edits, patch, step });
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
  // Forget the unsaved changes only once the current report is there, so that the old values never show again.
  const reload = async () => {
    await onReload();
    edits.clear();
    setNotice(null);
  };
  const busy = partner.save.isPending || partner.submit.isPending || assessor.assess.isPending || assessor.giveBack.isPending;
  return { ...edits, ...partner, ...assessor, notice, setNotice, onEvidence, reload, busy };
}
export type ReportWorkflow = ReturnType<typeof useReportWorkflow>;
