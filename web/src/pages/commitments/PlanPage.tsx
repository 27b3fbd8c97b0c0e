// One plan (public): what it is, the progress heat map with its table, the objectives and their
// actions (summary badges, deadlines, partners), its reporting rounds, and for the Commission the
// forms to open a round and, in recommendations plans, to add a recommendation.
import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { User } from '../../platform/api';
import { QueryState } from '../../platform/QueryState';
import { usePartners } from '../statistics/model';
import { ParaphraseBadge, TitleWithBadge } from './Badges';
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
  const back = (
    <Anchor component={Link} to={pages.home} size="sm">
      ← {t('commitments.back')}
    </Anchor>
  );

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
        {p.source && (
          <Text size="sm" c="dimmed">
            {t('commitments.source', { source: p.source })}
          </Text>
        )}
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="heat-title">
        <Title order={3} size="h4" id="heat-title">
          {t('commitments.heat.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('commitments.heat.intro')}
        </Text>
        {heatmap.error && (
          <Alert color="red" role="alert">
            {heatmap.error.message}
          </Alert>
        )}
        {heatmap.data && heatmap.data.cells.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('commitments.heat.empty')}
          </Text>
        )}
        {heatmap.data && heatmap.data.cells.length > 0 && <PlanHeatmap heatmap={heatmap.data} partners={partners.data?.partners ?? []} />}
      </Paper>

      <Paper withBorder p="md" component="section" aria-labelledby="rounds-title">
        <Title order={3} size="h4" id="rounds-title">
          {t('commitments.rounds')}
        </Title>
        {rounds.error && (
          <Alert color="red" role="alert">
            {rounds.error.message}
          </Alert>
        )}
        {rounds.data && rounds.data.rounds.length === 0 && (
          <Text size="sm" c="dimmed">
            {user ? t('commitments.noRounds') : t('commitments.noPublishedRounds')}
          </Text>
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
      </Paper>

      <Stack component="section" aria-labelledby="objectives-title" gap="sm">
        <Title order={3} size="h4" id="objectives-title">
          {t('commitments.objectivesAndActions')}
        </Title>
        {actionCount === 0 && (
          <Text size="sm" c="dimmed">
            {t('commitments.noActions')}
          </Text>
        )}
        {p.objectives.map((o) => (
          <ObjectiveSection key={o.code} plan={p} objective={o} editable={manager && EDITABLE_KINDS.includes(p.kind)} />
        ))}
      </Stack>

      {manager && EDITABLE_KINDS.includes(p.kind) && <RecommendationForm plan={p} />}
    </Stack>
  );
}

function ObjectiveSection({ plan, objective: o, editable }: { plan: Plan; objective: PlanObjective; editable: boolean }) {
  const { t } = useTranslation();
  const id = `objective-${o.code}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={4} size="h5" id={id}>
        {o.code} <TitleWithBadge title={o.title} paraphrase={o.paraphrase} />
      </Title>
      {o.actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('commitments.noActionsYet')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby={id}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={90}>
                  {t('commitments.code')}
                </Table.Th>
                <Table.Th scope="col">{t('commitments.action')}</Table.Th>
                <Table.Th scope="col">{t('commitments.partners')}</Table.Th>
                <Table.Th scope="col">{t('commitments.deadline')}</Table.Th>
                {editable && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('commitments.editAction.column')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.actions.map((a) => (
                <Table.Tr key={a.code}>
                  <Table.Td>{a.code}</Table.Td>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={pages.action(plan.code, a.code)}>
                      {a.title}
                    </Anchor>
                    {a.paraphrase && (
                      <>
                        {' '}
                        <ParaphraseBadge />
                      </>
                    )}
                    {a.description && (
                      <Text size="xs" c="dimmed" className="pre-wrap">
                        {a.description}
                      </Text>
                    )}
                    {a.institutions && (
                      <Text size="xs" c="dimmed">
                        {t('commitments.institutions', { institutions: a.institutions })}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <Group gap={4}>
                      {a.partners.map((code) => (
                        <Anchor key={code} component={Link} to={pages.partner(code)} size="sm">
                          {code}
                        </Anchor>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {a.deadline ?? (
                      <Text size="sm" c="dimmed" span>
                        {t('commitments.noDeadline')}
                      </Text>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <EditActionButton plan={plan.code} action={a} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
