// One plan (public): what it is, the progress heat map with its table, the objectives and their
// actions (summary badges, deadlines, partners), its reporting rounds, and for the Commission the
// forms to open a round and, in recommendations plans, to add a recommendation.
import { Anchor, Badge, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { usePartners } from '../statistics/model';
import { NoDeadline, TitleWithBadge } from './Badges';
import { PartnerLink } from './CommitmentTable';
import { EDITABLE_KINDS, canManage, pages, useHeatmap, usePlan, useRounds, type Plan, type PlanObjective } from './model';
import { OpenRoundForm } from './OpenRoundForm';
import { PlanHeatmap } from './PlanHeatmap';
import { EditActionButton } from './EditActionButton';
import { RecommendationForm } from './RecommendationForm';
import { RoundsTable } from './RoundsTable';

export function PlanPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const plan = usePlan(code);
  const heatmap = useHeatmap(code);
  const rounds = useRounds(code);
  const partners = usePartners();
  const back = <BackLink to={pages.home}>{t('commitments.back')}</BackLink>;

  if (plan.error || !plan.data) {
    return (
      <QueryState error={plan.error} back={back} loading={t('commitments.loading')} notFound={t('commitments.planNotFound', { code })} />
    );
  }
  const p = plan.data;
  const manager = canManage(user);
  const actionCount = p.objectives.reduce((n, o) => n + o.actions.length, 0);
  const open = rounds.data?.rounds.find((r) => r.status === 'open');

  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={2}>{p.title}</Title>
        <Group gap="sm">
          <Badge variant="light">{t(`commitments.kindOne.${p.kind}`)}</Badge>
          {p.periodStart && <Text size="sm">{t('commitments.periodRange', { start: p.periodStart, end: p.periodEnd ?? '…' })}</Text>}
        </Group>
        {p.source && <Muted>{t('commitments.source', { source: p.source })}</Muted>}
      </Stack>

      <Section id="heat-title" title={t('commitments.heat.title')}>
        <Muted mb="xs">{t('commitments.heat.intro')}</Muted>
        <ErrorAlert error={heatmap.error} />
        {heatmap.data && heatmap.data.cells.length === 0 && <Muted>{t('commitments.heat.empty')}</Muted>}
        {heatmap.data && heatmap.data.cells.length > 0 && <PlanHeatmap heatmap={heatmap.data} partners={partners.data?.partners ?? []} />}
      </Section>

      <Section id="rounds-title" title={t('commitments.rounds')}>
        <ErrorAlert error={rounds.error} />
        {rounds.data && rounds.data.rounds.length === 0 && (
          <Muted>{user ? t('commitments.noRounds') : t('commitments.noPublishedRounds')}</Muted>
        )}
        {rounds.data && rounds.data.rounds.length > 0 && <RoundsTable rounds={rounds.data.rounds} label={t('commitments.rounds')} />}
        {manager &&
          (open ? (
            <Text size="sm" mt="sm">
              {t('commitments.roundOpen', { title: open.title })}
            </Text>
          ) : (
            actionCount > 0 && <OpenRoundForm plan={p.code} />
          ))}
      </Section>

      <Section plain id="objectives-title" title={t('commitments.objectivesAndActions')} gap="sm">
        {actionCount === 0 && <Muted>{t('commitments.noActions')}</Muted>}
        {p.objectives.map((o) => (
          <ObjectiveSection key={o.code} plan={p} objective={o} editable={manager && EDITABLE_KINDS.includes(p.kind)} />
        ))}
      </Section>

      {manager && EDITABLE_KINDS.includes(p.kind) && <RecommendationForm plan={p} />}
    </Stack>
  );
}

function ObjectiveSection({ plan, objective: o, editable }: { plan: Plan; objective: PlanObjective; editable: boolean }) {
  const { t } = useTranslation();
  const id = `objective-${o.code}`;
  return (
    <Section
      id={id}
      order={4}
      title={
        <>
          {o.code} <TitleWithBadge title={o.title} paraphrase={o.paraphrase} />
        </>
      }
    >
      <DataTable
        empty={o.actions.length === 0 && t('commitments.noActionsYet')}
        minWidth={640}
        striped
        aria-labelledby={id}
        columns={[
          { label: t('commitments.code'), w: 90 },
          t('commitments.action'),
          t('commitments.partners'),
          t('commitments.deadline'),
          editable && { label: <VisuallyHidden>{t('commitments.editAction.column')}</VisuallyHidden> },
        ]}
      >
        {o.actions.map((a) => (
          <Table.Tr key={a.code}>
            <Table.Td>{a.code}</Table.Td>
            <RowHeader>
              <TitleWithBadge
                title={
                  <Anchor component={Link} to={pages.action(plan.code, a.code)}>
                    {a.title}
                  </Anchor>
                }
                paraphrase={a.paraphrase}
              />
              <Paragraphs text={a.description} size="xs" c="dimmed" />
              {a.institutions && <Muted size="xs">{t('commitments.institutions', { institutions: a.institutions })}</Muted>}
            </RowHeader>
            <Table.Td>
              <Group gap={4}>
                {a.partners.map((code) => (
                  <PartnerLink key={code} code={code}>
                    {code}
                  </PartnerLink>
                ))}
              </Group>
            </Table.Td>
            <Table.Td>{a.deadline ?? <NoDeadline />}</Table.Td>
            {editable && (
              <Table.Td>
                <EditActionButton plan={plan.code} action={a} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
