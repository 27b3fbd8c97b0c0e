// One emergency measure as a card: its title, partner, status and category; what it limited, on
// which basis, by whom; its dates, sunset clause and reviews with their outcomes; its sources.
import { Anchor, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../platform/format';
import { ValueBadge } from '../../platform/ValueBadge';
import { STATUS_COLORS } from '../statistics/model';
import type { Measure } from './model';

export const OUTCOME_COLORS: Record<string, string> = {
  none: 'gray',
  pending: 'violet',
  upheld: 'green',
  amended: 'blue',
  annulled: 'orange',
};

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={700} component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** The period of a measure: "13 Mar 2020 – 1 Jun 2020", or "since 13 Mar 2020" while it has no end. */
export function useMeasurePeriod() {
  const { t } = useTranslation();
  return (m: Pick<Measure, 'startDate' | 'endDate'>) =>
    m.endDate ? `${formatDate(m.startDate)} – ${formatDate(m.endDate)}` : t('emergency.since', { date: formatDate(m.startDate) });
}

export function MeasureCard({ measure, partnerName, actions }: { measure: Measure; partnerName: string; actions?: ReactNode }) {
  const { t } = useTranslation();
  const period = useMeasurePeriod();
  const titleId = `measure-${measure.id}`;
  const review = (kind: 'parliamentary' | 'judicial') => {
    const r = kind === 'parliamentary' ? measure.parliamentaryReview : measure.judicialReview;
    return (
      <>
        <ValueBadge value={r.outcome} texts="emergency.outcome" colors={OUTCOME_COLORS} tt="none" />
        {r.comment && (
          <Text span size="sm" ml={6}>
            {r.comment}
          </Text>
        )}
      </>
    );
  };
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {measure.title}
          </Title>
          <Group gap={6}>
            <Badge variant="outline" color="gray.8" tt="none">
              {partnerName}
            </Badge>
            <ValueBadge value={measure.status} texts="status" colors={STATUS_COLORS} />
          </Group>
        </Group>
        {measure.status === 'returned' && measure.returnComment && (
          <Text size="sm" c="red.9">
            {t('emergency.returnedWith', { comment: measure.returnComment })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" component="dl" m={0}>
          <Item label={t('emergency.field.limited')}>
            {measure.limited} ({t(`emergency.category.${measure.category}`)})
          </Item>
          <Item label={t('emergency.field.period')}>{period(measure)}</Item>
          <Item label={t('emergency.field.legalBasis')}>{measure.legalBasis}</Item>
          <Item label={t('emergency.field.adoptedBy')}>{measure.adoptedBy}</Item>
          <Item label={t('emergency.field.reviewDates')}>
            {measure.reviewDates.length ? measure.reviewDates.map(formatDate).join(', ') : t('emergency.none')}
          </Item>
          <Item label={t('emergency.field.sunset')}>
            {measure.sunsetClause ? t('emergency.sunsetOn', { date: formatDate(measure.sunsetDate) }) : t('emergency.noSunset')}
          </Item>
          <Item label={t('emergency.field.parliamentaryReview')}>{review('parliamentary')}</Item>
          <Item label={t('emergency.field.judicialReview')}>{review('judicial')}</Item>
        </SimpleGrid>
        {measure.sources.length > 0 && (
          <div>
            <Text size="sm" fw={700}>
              {t('emergency.field.sources')}
            </Text>
            <List size="sm">
              {measure.sources.map((s) => (
                <List.Item key={s}>
                  <Anchor href={s} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
                    {s}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {measure.comment && (
          <Text size="sm" c="gray.7">
            {measure.comment}
          </Text>
        )}
        {actions}
      </Stack>
    </Paper>
  );
}
