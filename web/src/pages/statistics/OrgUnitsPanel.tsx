// The partner's declaration that its list of org units is complete for the period: only then are
// partner totals summed from the org units (a total entered for the partner always counts). The
// coordinator toggles it on the version read while the submission is editable; others read it.
import { Checkbox } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { submissionPath, type Submission } from './model';

export function OrgUnitsPanel({ submission, onChanged }: { submission: Submission; onChanged: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string | null>(null);
  const declare = useMutation({
    mutationFn: (complete: boolean) =>
      api<{ status: string; version: number }>('PUT', `${submissionPath(submission)}/org-units-complete`, {
        version: submission.version,
        complete,
      }),
    onMutate: () => setDone(null),
    onSuccess: (result, complete) => {
      setDone(t(complete ? 'orgUnits.declared' : 'orgUnits.withdrawn', { version: result.version }));
      onChanged();
    },
  });
  // A refusal concerns the version it was given for: forget it once the submission has changed.
  const { reset } = declare;
  useEffect(() => reset(), [submission.version, reset]);
  const editable = submission.can.edit;
  return (
    <Section plain id="org-units-title" title={t('orgUnits.title')} gap="sm">
      <Checkbox
        label={t('orgUnits.complete')}
        description={t('orgUnits.help')}
        checked={declare.isPending ? declare.variables : submission.orgUnitsComplete}
        disabled={!editable || declare.isPending}
        onChange={(e) => declare.mutate(e.currentTarget.checked)}
      />
      {!editable && <Muted size="xs">{t('orgUnits.readOnly')}</Muted>}
      <ErrorAlert error={declare.error} />
      {done && <SuccessAlert onClose={() => setDone(null)}>{done}</SuccessAlert>}
    </Section>
  );
}
