// One partner's commitments across every plan (public): deadlines with the days left or late,
// overdue ones highlighted, the latest status and assessment the viewer may see.
import { Alert, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { QueryState } from '../../platform/QueryState';
import { usePartners } from '../statistics/model';
import { CommitmentTable } from './CommitmentTable';
import { pages, type CommitmentView } from './model';

export function PartnerCommitmentsPage() {
  const { t } = useTranslation();
  const partner = (useParams().partner ?? '').toUpperCase();
  const partners = usePartners();
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const list = useQuery({
    queryKey: ['partner-commitments', partner],
    queryFn: () => api<{ commitments: CommitmentView[] }>('GET', `/partners/${encodeURIComponent(partner)}/commitments`),
  });
  const known = partners.data?.partners.find((p) => p.code === partner);
  const name = known?.name ?? partner;
  const back = <BackLink to={pages.home}>{t('commitments.back')}</BackLink>;
  const error = list.error ?? partners.error;
  if (error || !list.data || !partners.data) return <QueryState error={error} back={back} loading={t('commitments.loading')} />;
  const all = list.data.commitments;
  const overdue = all.filter((c) => c.overdue).length;
  const shown = onlyOverdue ? all.filter((c) => c.overdue) : all;

  return (
    <Stack>
      {back}
      <Title order={2}>{t('commitments.partnerTitle', { partner: name })}</Title>
      {!known && (
        <Alert color="red" role="alert">
          {t('justice.unknownPartner', { partner })}
        </Alert>
      )}
      <Text>{t('commitments.partnerSummary', { count: all.length, overdue })}</Text>
      <Group>
        <Checkbox label={t('commitments.onlyOverdue')} checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.currentTarget.checked)} />
      </Group>
      <CommitmentTable
        commitments={shown}
        label={t('commitments.partnerTitle', { partner: name })}
        empty={shown.length === 0 && t('commitments.noCommitments')}
      />
    </Stack>
  );
}
