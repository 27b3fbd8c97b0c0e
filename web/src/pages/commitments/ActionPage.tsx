// One action of a plan (public as far as the viewer may read): the partners committed to it with
// their deadline, latest status and assessment; each partner's history across the reporting
// rounds; and beside it the latest values of the indicators linked to the action.
import { Anchor, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { QueryState } from '../../platform/QueryState';
import { formatNumber } from '../statistics/IndicatorTable';
import { usePartnerName } from '../statistics/model';
import { AssessmentBadge, Deadline, ProgressBadge, TitleWithBadge } from './Badges';
import { LatestCells } from './CommitmentTable';
import { pages, type ActionDetail, type ActionIndicator, type HistoryRow } from './model';

export function ActionPage() {
  const { t } = useTranslation();
  const { code = '', action = '' } = useParams();
  const detail = useQuery({
    queryKey: ['action', code, action],
    queryFn: () => api<ActionDetail>('GET', `/plans/${encodeURIComponent(code)}/actions/${encodeURIComponent(action)}`),
  });
  const name = usePartnerName();
  const back = (
    <Anchor component={Link} to={pages.plan(code)} size="sm">
      ← {detail.data?.planTitle ?? t('commitments.backToPlan')}
    </Anchor>
  );

  if (detail.error || !detail.data) {
    return (
      <QueryState
        error={detail.error}
        back={back}
        loading={t('commitments.loading')}
        notFound={t('commitments.actionNotFound', { code: action })}
      />
    );
  }
  const d = detail.data;

  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={2}>
          {d.action} <TitleWithBadge title={d.title} paraphrase={d.paraphrase} />
        </Title>
        <Text size="sm">{t('commitments.underObjective', { code: d.objective, title: d.objectiveTitle })}</Text>
        <Text size="sm">{t('commitments.deadlineIs', { deadline: d.deadline ?? t('commitments.noDeadline') })}</Text>
      </Stack>

      <Paper withBorder p="md" component="section" aria-labelledby="action-partners-title">
        <Title order={3} size="h4" id="action-partners-title">
          {t('commitments.committedPartners')}
        </Title>
        <Table.ScrollContainer minWidth={640}>
          <Table striped aria-labelledby="action-partners-title">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('commitments.partner')}</Table.Th>
                <Table.Th scope="col">{t('commitments.deadline')}</Table.Th>
                <Table.Th scope="col">{t('commitments.latestStatus')}</Table.Th>
                <Table.Th scope="col">{t('commitments.latestAssessment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.commitments.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={pages.partner(c.partner)} size="sm">
                      {name(c.partner)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <Deadline commitment={c} />
                  </Table.Td>
                  <LatestCells latest={c.latest} />
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: d.indicators.length > 0 ? 7 : 12 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="history-title">
            <Title order={3} size="h4" id="history-title">
              {t('commitments.history')}
            </Title>
            {d.history.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('commitments.noHistory')}
              </Text>
            )}
            <Stack gap="md">
              {[...new Set(d.history.map((h) => h.partner))].sort().map((p) => (
                <PartnerHistory key={p} partner={p} name={name(p)} rows={d.history.filter((h) => h.partner === p)} />
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        {d.indicators.length > 0 && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="linked-title">
              <Title order={3} size="h4" id="linked-title">
                {t('commitments.linkedIndicators')}
              </Title>
              <Stack gap="md">
                {d.indicators.map((i) => (
                  <IndicatorBox key={i.code} indicator={i} name={name} />
                ))}
              </Stack>
            </Paper>
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}

function PartnerHistory({ partner, name, rows }: { partner: string; name: string; rows: HistoryRow[] }) {
  const { t } = useTranslation();
  const id = `history-${partner}`;
  const sorted = [...rows].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  return (
    <Stack gap={4}>
      <Title order={4} size="h5" id={id}>
        {name}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-labelledby={id} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('commitments.round')}</Table.Th>
              <Table.Th scope="col">{t('commitments.reportedStatus')}</Table.Th>
              <Table.Th scope="col">{t('commitments.assessmentColumn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((h) => (
              <Table.Tr key={h.round}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={pages.report(h.round, partner)} size="sm">
                    {h.roundTitle}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {t('commitments.periodEnd', { date: h.periodEnd })}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <ProgressBadge status={h.status} />
                  {h.narrative && (
                    <Text size="sm" className="pre-wrap">
                      {h.narrative}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <AssessmentBadge assessment={h.assessment} />
                  {h.assessmentComment && (
                    <Text size="sm" className="pre-wrap">
                      {h.assessmentComment}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function IndicatorBox({ indicator: i, name }: { indicator: ActionIndicator; name: (partner: string) => string }) {
  const { t } = useTranslation();
  const id = `indicator-${i.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Title order={4} size="h5" id={id}>
          {i.label}
          {i.unit ? ` (${i.unit})` : ''}
        </Title>
        {i.polarity !== 'neutral' && (
          <Text size="xs" c="dimmed">
            {t(`indicators.polarity.${i.polarity}`, { defaultValue: i.polarity })}
          </Text>
        )}
      </Group>
      <Table aria-labelledby={id} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('commitments.partner')}</Table.Th>
            <Table.Th scope="col">{t('indicators.period')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('indicators.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {i.partners.map((v) => (
            <Table.Tr key={v.partner}>
              <Table.Th scope="row" fw={400}>
                {name(v.partner)}
              </Table.Th>
              <Table.Td>{v.period ?? '—'}</Table.Td>
              <Table.Td ta="right">{formatNumber(v.value, i.decimals)}</Table.Td>
            </Table.Tr>
          ))}
          {i.region && (
            <>
              <Table.Tr>
                <Table.Th scope="row" fw={600}>
                  {t('indicators.region')}
                </Table.Th>
                <Table.Td>{i.region.period}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatNumber(i.region.value, i.decimals)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" fw={400}>
                  {t('indicators.medianRow')}
                </Table.Th>
                <Table.Td>{i.region.period}</Table.Td>
                <Table.Td ta="right">{formatNumber(i.region.median, i.decimals)}</Table.Td>
              </Table.Tr>
            </>
          )}
        </Table.Tbody>
      </Table>
      <Anchor component={Link} to="/indicators" size="xs">
        {t('commitments.allIndicators')}
      </Anchor>
    </Stack>
  );
}
