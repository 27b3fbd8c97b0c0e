// Commitments (public): the plans grouped by kind with their counts, each Western Balkan partner's
// commitments, and the reporting rounds — the open ones with their due dates for signed-in users.
import { Anchor, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { usePartners } from '../statistics/model';
import { PartnerLink } from './CommitmentTable';
import { RoundsTable } from './RoundsTable';
import { pages, PLAN_KINDS, usePlans, useRounds } from './model';

type Plan = NonNullable<ReturnType<typeof usePlans>['data']>['plans'][number];

export function CommitmentsPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const rounds = useRounds();
  const partners = usePartners();
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  const all = plans.data?.plans ?? [];
  const open = (rounds.data?.rounds ?? []).filter((r) => r.status === 'open');
  const published = (rounds.data?.rounds ?? []).filter((r) => r.status === 'published');
  const own = user?.partner ? wb6.find((p) => p.code === user.partner) : undefined;
  const error = plans.error ?? rounds.error ?? partners.error;

  return (
    <Stack>
      <Title order={2}>{t('commitments.title')}</Title>
      <Text>{t('commitments.intro')}</Text>
      <ErrorAlert error={error} />
      <Group gap="sm">
        {own && (
          <Button component={Link} to={pages.partner(own.code)}>
            {t('commitments.ownCommitments', { partner: own.name })}
          </Button>
        )}
        {user && (
          <Button component={Link} to={pages.overdue} variant="light">
            {t('commitments.overdueLink')}
          </Button>
        )}
      </Group>
      {user && (
        <Section id="open-rounds-title" title={t('commitments.openRounds')}>
          {rounds.data && open.length === 0 && <Muted>{t('commitments.noOpenRounds')}</Muted>}
          {open.length > 0 && <RoundsTable rounds={open} showPlan label={t('commitments.openRounds')} />}
        </Section>
      )}
      {PLAN_KINDS.map((kind) => (
        <PlansOfKind key={kind} kind={kind} plans={all.filter((p) => p.kind === kind)} />
      ))}
      <Section id="by-partner-title" title={t('commitments.byPartner')}>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mt="xs">
          {wb6.map((p) => (
            <PartnerLink key={p.code} code={p.code}>
              {p.name}
            </PartnerLink>
          ))}
        </SimpleGrid>
      </Section>
      {published.length > 0 && (
        <Section id="published-rounds-title" title={t('commitments.publishedRounds')}>
          <RoundsTable rounds={published} showPlan label={t('commitments.publishedRounds')} />
        </Section>
      )}
    </Stack>
  );
}

/** The plans of one kind with their counts; nothing when there are none. */
function PlansOfKind({ kind, plans }: { kind: (typeof PLAN_KINDS)[number]; plans: Plan[] }) {
  const { t } = useTranslation();
  if (plans.length === 0) return null;
  return (
    <Section id={`kind-${kind}`} title={t(`commitments.kinds.${kind}`)}>
      <DataTable
        minWidth={560}
        striped
        aria-labelledby={`kind-${kind}`}
        columns={[
          t('commitments.plan'),
          { label: t('commitments.objectives'), ta: 'right' },
          { label: t('commitments.actions'), ta: 'right' },
          { label: t('commitments.commitmentsCount'), ta: 'right' },
        ]}
      >
        {plans.map((p) => (
          <Table.Tr key={p.code}>
            <RowHeader>
              <Anchor component={Link} to={pages.plan(p.code)}>
                {p.title}
              </Anchor>
            </RowHeader>
            <Table.Td ta="right">{p.objectives}</Table.Td>
            <Table.Td ta="right">{p.actions}</Table.Td>
            <Table.Td ta="right">{p.commitments}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
