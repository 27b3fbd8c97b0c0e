// The briefing book of one partner's delegation (its coordinators and the organisers), as of its
// meeting (the figures as published by the meeting's day, the commitments as they stood then): for
// each agenda item, the partner's recent trend of every linked indicator as a small line chart with
// the latest value against the region and its median in a table (for a meeting that has begun,
// with the figure published since in a column of its own, "Since then"), the partner's commitments
// in the linked plans, and the item's documents. A printable version opens in a new tab.
import { Anchor, List, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { BackLink } from '../../platform/BackLink';
import { DataTable, FigureTable, RowHeader } from '../../platform/DataTable';
import { QueryState } from '../../platform/QueryState';
import { SectionTitle } from '../../platform/Section';
import { Muted, Paragraphs } from '../../platform/text';
import { AssessmentBadge, ProgressBadge } from '../commitments/Badges';
import { pages as commitmentPages, type Assessment, type ProgressStatus } from '../commitments/model';
import { formatWithUnit } from '../migration/model';
import { axisTooltip, EChart, type ChartOption } from '../statistics/EChart';
import { usePartnerName } from '../statistics/model';
import { formatDate, formatRange, links, pages, useBriefing, type Briefing, type BriefingIndicator } from './model';

export function BriefingPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id ?? '';
  const partner = (params.partner ?? '').toUpperCase();
  const book = useBriefing(id, partner);
  const name = usePartnerName()(partner);
  const back = <BackLink to={pages.meeting(id)}>{book.data?.meeting.title ?? t('meetings.briefing.backToMeeting')}</BackLink>;
  if (book.error || !book.data) {
    return (
      <QueryState
        error={book.error}
        back={back}
        loading={t('meetings.loading')}
        title={t('meetings.briefing.unavailable', { partner: name })}
      />
    );
  }
  const { meeting, items, asOf, past } = book.data;
  const asOfDay = formatDate(asOf, meeting.timeZone);
  return (
    <Stack>
      {back}
      <Stack gap={4}>
        <Title order={2}>{t('meetings.briefing.title', { partner: name })}</Title>
        <Text>{meeting.title}</Text>
        <Muted>
          {formatRange(meeting.start, meeting.end, meeting.timeZone)} ({meeting.timeZone})
          {meeting.host ? ` · ${t('meetings.hostedBy', { host: meeting.host })}` : ''}
        </Muted>
        <Text fw={700} size="sm">
          {t('meetings.briefing.asOf', { date: asOfDay })}
        </Text>
        <Muted size="sm">{t(past ? 'meetings.briefing.asOfHelpPast' : 'meetings.briefing.asOfHelp')}</Muted>
        <Anchor href={links.briefing(id, partner)} target="_blank" rel="noopener" size="sm">
          {t('meetings.briefing.printable')}
        </Anchor>
      </Stack>
      {items.length === 0 && <Text c="dimmed">{t('meetings.briefing.noItems')}</Text>}
      {items.map((entry) => (
        <ItemBrief key={entry.item.id} meetingId={id} partnerName={name} entry={entry} asOfDay={asOfDay} past={past} />
      ))}
    </Stack>
  );
}

interface ItemBriefProps {
  meetingId: string;
  partnerName: string;
  entry: Briefing['items'][number];
  /** The book's day, e.g. "22 October 2020". */
  asOfDay: string;
  /** The meeting has begun: the figures published since get a column of their own. */
  past: boolean;
}

function ItemBrief({ meetingId, partnerName, entry, asOfDay, past }: ItemBriefProps) {
  const { t } = useTranslation();
  const { item, session, indicators, commitments, documents } = entry;
  const headingId = `brief-${item.id}`;
  const nothing = indicators.length === 0 && commitments.length === 0 && documents.length === 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <SectionTitle id={headingId}>{item.title}</SectionTitle>
          <Muted>
            {session}
            {item.lead ? ` · ${t('meetings.agenda.lead', { lead: item.lead })}` : ''}
          </Muted>
          <Paragraphs text={item.description} />
        </div>
        {nothing && <Muted>{t('meetings.briefing.nothing')}</Muted>}
        {indicators.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {indicators.map((i) => (
              <IndicatorBrief key={i.code} indicator={i} partnerName={partnerName} itemId={item.id} asOfDay={asOfDay} past={past} />
            ))}
          </SimpleGrid>
        )}
        {commitments.length > 0 && <CommitmentsBrief itemTitle={item.title} commitments={commitments} />}
        {documents.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={700}>
              {t('meetings.briefing.documents')}
            </Text>
            <List size="sm" spacing={2}>
              {documents.map((d) => (
                <List.Item key={d.id}>
                  <Anchor href={links.document(meetingId, d.id)} size="sm">
                    {d.title}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** The partner's commitments in the item's plans: deadline (overdue marked), status and assessment. */
function CommitmentsBrief({ itemTitle, commitments }: { itemTitle: string; commitments: Briefing['items'][number]['commitments'] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={720}
      striped
      aria-label={t('meetings.briefing.commitmentsOf', { item: itemTitle })}
      columns={[
        t('meetings.briefing.commitment'),
        t('meetings.briefing.deadline'),
        t('meetings.briefing.status'),
        t('meetings.briefing.assessment'),
      ]}
    >
      {commitments.map((c) => (
        <Table.Tr key={`${c.plan}-${c.action}`} className={c.overdue ? 'row-overdue' : undefined}>
          <RowHeader>
            <Anchor component={Link} to={commitmentPages.action(c.plan, c.action)} size="sm">
              {c.action} {c.title}
            </Anchor>
            <Muted size="xs">{c.planTitle}</Muted>
          </RowHeader>
          <Table.Td>
            {c.deadline ?? <Muted span>{t('meetings.outcome.noDeadline')}</Muted>}
            {c.overdue && (
              <Text size="xs" c="red.8" fw={700}>
                {t('meetings.briefing.overdue')}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <ProgressBadge status={c.status as ProgressStatus | null} />
          </Table.Td>
          <Table.Td>
            <AssessmentBadge assessment={c.assessment as Assessment | null} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

interface IndicatorBriefProps {
  indicator: BriefingIndicator;
  partnerName: string;
  itemId: string;
  asOfDay: string;
  past: boolean;
}

type T = ReturnType<typeof useTranslation>['t'];

/** The partner's trend as a line, with the regional median of the latest period dashed for comparison. */
function trendOption(i: BriefingIndicator, partnerName: string, t: T): ChartOption {
  return {
    animationDuration: 300,
    tooltip: axisTooltip((v) => (typeof v === 'number' ? formatWithUnit(v, i.unit) : '—')),
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: i.trend.map((p) => p.period), boundaryGap: false },
    yAxis: { type: 'value', scale: true },
    series: [
      {
        type: 'line',
        name: partnerName,
        symbolSize: 6,
        data: i.trend.map((p) => p.value ?? '-'),
        ...(i.region?.median != null
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#868e96' },
                label: { position: 'insideEndTop', formatter: t('meetings.briefing.median') },
                data: [{ yAxis: i.region.median }],
              },
            }
          : {}),
      },
    ],
  };
}

function IndicatorBrief({ indicator: i, partnerName, itemId, asOfDay, past }: IndicatorBriefProps) {
  const { t } = useTranslation();
  const titleId = `brief-${itemId}-${i.code}`;
  const option = useMemo(() => trendOption(i, partnerName, t), [i, partnerName, t]);
  const trendText = i.trend.map((p) => `${p.period}: ${formatWithUnit(p.value, i.unit)}`).join(', ');
  const point = (p: Point | null) => (p ? `${formatWithUnit(p.value, i.unit)} (${p.period})` : '—');
  const figures = [
    [t('meetings.briefing.latest', { partner: partnerName }), point(i.latest)],
    [t('meetings.briefing.region'), i.region ? `${formatWithUnit(i.region.value, i.unit)} (${i.region.period})` : '—'],
    [t('meetings.briefing.median'), i.region ? formatWithUnit(i.region.median, i.unit) : '—'],
  ] as const;
  const tableLabel = t('meetings.briefing.tableLabel', { indicator: i.label });
  return (
    <Stack gap={4} component="section" aria-labelledby={titleId}>
      <Text fw={700} size="sm" id={titleId}>
        {i.label}
      </Text>
      {i.trend.length > 0 ? (
        <EChart
          option={option}
          height={180}
          label={t('meetings.briefing.chartLabel', { indicator: i.label, partner: partnerName, trend: trendText })}
        />
      ) : (
        <Muted>{t('meetings.briefing.noTrend', { partner: partnerName })}</Muted>
      )}
      {past ? (
        <SinceThenTable figures={figures} label={tableLabel} asOfDay={asOfDay} sinceThen={i.sinceThen ? point(i.sinceThen) : null} />
      ) : (
        <FigureTable rows={figures} withTableBorder aria-label={tableLabel} />
      )}
      {i.trend.length > 1 && <Muted size="xs">{t('meetings.briefing.trend', { trend: trendText })}</Muted>}
    </Stack>
  );
}

type Point = { period: string; value: number | null };

interface SinceThenProps {
  figures: readonly (readonly [string, string])[];
  label: string;
  asOfDay: string;
  /** The partner's figure published since the book's day, as text; null when there is none. */
  sinceThen: string | null;
}

/** The book's figures and, in a column of their own, the partner's figure published since. */
function SinceThenTable({ figures, label, asOfDay, sinceThen }: SinceThenProps) {
  const { t } = useTranslation();
  return (
    <DataTable
      withTableBorder
      aria-label={label}
      columns={[
        { label: <VisuallyHidden>{t('meetings.briefing.figure')}</VisuallyHidden> },
        { label: t('meetings.briefing.asOfColumn', { date: asOfDay }), ta: 'right' },
        { label: t('meetings.briefing.sinceThen'), ta: 'right' },
      ]}
    >
      {figures.map(([name, value], n) => (
        <Table.Tr key={name}>
          <RowHeader>{name}</RowHeader>
          <Table.Td ta="right">{value}</Table.Td>
          <Table.Td ta="right">{n === 0 ? (sinceThen ?? <Muted span>{t('meetings.briefing.nothingNewer')}</Muted>) : '—'}</Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
