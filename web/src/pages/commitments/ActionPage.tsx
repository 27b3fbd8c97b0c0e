// One action of a plan (public as far as the viewer may read): the partners committed to it with
// their deadline, latest status and assessment; each partner's history across the reporting
// rounds; and beside it the latest values of the indicators linked to the action.
import { Anchor, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { formatNumber, withUnit } from '../../platform/format';
import { QueryState } from '../../platform/QueryState';
import { Section, SectionTitle } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';

import { usePartnerName, usePartnerOrder } from '../statistics/model';
import { AssessmentBadge, ProgressBadge, TitleWithBadge } from './Badges';
import { PartnerLink, ProgressCells } from './CommitmentTable';
import { pages, type ActionDetail, type ActionIndicator, type HistoryRow } from './model';

export function ActionPage() {
  const { t } = useTranslation();
  const { code = '', action = '' } = useParams();
  const detail = useQuery({
    queryKey: ['action', code, action],
    queryFn: () => api<ActionDetail>('GET', `/plans/${encodeURIComponent(code)}/actions/${encodeURIComponent(action)}`),
  });
  const name = usePartnerName();
  const order = usePartnerOrder();
  const back = <BackLink to={pages.plan(code)}>{detail.data?.planTitle ?? t('commitments.backToPlan')}</BackLink>;

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

      <Section id="action-partners-title" title={t('commitments.committedPartners')}>
        <DataTable
          minWidth={640}
          striped
          aria-labelledby="action-partners-title"
          columns={[t('commitments.partner'), t('commitments.deadline'), t('commitments.latestStatus'), t('commitments.latestAssessment')]}
        >
          {d.commitments.map((c) => (
            <Table.Tr key={c.id}>
              <RowHeader>
                <PartnerLink code={c.partner}>{name(c.partner)}</PartnerLink>
              </RowHeader>
              <ProgressCells commitment={c} />
            </Table.Tr>
          ))}
        </DataTable>
      </Section>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: d.indicators.length > 0 ? 7 : 12 }}>
          <Section id="history-title" title={t('commitments.history')}>
            {d.history.length === 0 && <Muted>{t('commitments.noHistory')}</Muted>}
            <Stack gap="md">
              {[...new Set(d.history.map((h) => h.partner))].sort(order).map((p) => (
                <PartnerHistory key={p} partner={p} name={name(p)} rows={d.history.filter((h) => h.partner === p)} />
              ))}
            </Stack>
          </Section>
        </Grid.Col>
        {d.indicators.length > 0 && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Section id="linked-title" title={t('commitments.linkedIndicators')}>
              <Stack gap="md">
                {d.indicators.map((i) => (
                  <IndicatorBox key={i.code} indicator={i} name={name} />
                ))}
              </Stack>
            </Section>
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
      <SectionTitle id={id} order={4}>
        {name}
      </SectionTitle>
      <DataTable
        minWidth={560}
        aria-labelledby={id}
        withTableBorder
        columns={[t('commitments.round'), t('commitments.reportedStatus'), t('commitments.assessmentColumn')]}
      >
        {sorted.map((h) => (
          <Table.Tr key={h.round}>
            <RowHeader>
              <Anchor component={Link} to={pages.report(h.round, partner)} size="sm">
                {h.roundTitle}
              </Anchor>
              <Muted size="xs">{t('commitments.periodEnd', { date: h.periodEnd })}</Muted>
            </RowHeader>
            <Table.Td>
              <ProgressBadge status={h.status} />
              <Paragraphs text={h.narrative} />
            </Table.Td>
            <Table.Td>
              <AssessmentBadge assessment={h.assessment} />
              <Paragraphs text={h.assessmentComment} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

function IndicatorBox({ indicator: i, name }: { indicator: ActionIndicator; name: (partner: string) => string }) {
  const { t } = useTranslation();
  const id = `indicator-${i.code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <SectionTitle id={id} order={4}>
          {withUnit(i.label, i.unit)}
        </SectionTitle>
        {i.polarity !== 'neutral' && <Muted size="xs">{t(`indicators.polarity.${i.polarity}`, { defaultValue: i.polarity })}</Muted>}
      </Group>
      <DataTable
        aria-labelledby={id}
        withTableBorder
        columns={[t('commitments.partner'), t('indicators.period'), { label: t('indicators.value'), ta: 'right' }]}
      >
        {i.partners.map((v) => (
          <Table.Tr key={v.partner}>
            <RowHeader>{name(v.partner)}</RowHeader>
            <Table.Td>{v.period ?? '—'}</Table.Td>
            <Table.Td ta="right">{formatNumber(v.value, i.decimals)}</Table.Td>
          </Table.Tr>
        ))}
        {i.region && (
          <>
            <Table.Tr>
              <RowHeader fw={600}>{t('indicators.region')}</RowHeader>
              <Table.Td>{i.region.period}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatNumber(i.region.value, i.decimals)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <RowHeader>{t('indicators.medianRow')}</RowHeader>
              <Table.Td>{i.region.period}</Table.Td>
              <Table.Td ta="right">{formatNumber(i.region.median, i.decimals)}</Table.Td>
            </Table.Tr>
          </>
        )}
      </DataTable>
      <Anchor component={Link} to="/indicators" size="xs">
        {t('commitments.allIndicators')}
      </Anchor>
    </Stack>
  );
}
