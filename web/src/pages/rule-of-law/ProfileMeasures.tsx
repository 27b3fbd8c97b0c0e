// The "Emergency measures" section of a partner's public profile: its published measures with what
// each limited, start and end, and the outcome of the parliamentary and the judicial review.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HeaderRow, RowHeader } from '../../platform/DataTable';
import { Section } from '../../platform/Section';
import { ValueBadge } from '../../platform/ValueBadge';
import { formatDate } from '../../platform/format';
import { Caption, Note } from '../reports/Notes';
import { OUTCOME_COLORS } from './MeasureCard';
import { useMeasures } from './model';

export function ProfileMeasures({ code, partner }: { code: string; partner: string }) {
  const { t } = useTranslation();
  const measures = useMeasures({ partner: code, status: 'published' });
  const list = measures.data?.measures ?? [];
  return (
    <Section id="profile-emergency" title={t('emergency.profile.title')} gap="xs">
      {measures.error ? (
        <Text role="alert" c="red.9" size="sm">
          {measures.error.message}
        </Text>
      ) : !measures.data ? (
        <Note>{t('emergency.loading')}</Note>
      ) : list.length === 0 ? (
        <Note>{t('emergency.profile.none', { partner })}</Note>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped captionSide="top">
            <Caption>{t('emergency.profile.caption', { partner })}</Caption>
            <HeaderRow
              columns={[
                t('emergency.profile.measure'),
                t('emergency.field.limited'),
                t('emergency.profile.start'),
                t('emergency.profile.end'),
                t('emergency.field.parliamentaryReview'),
                t('emergency.field.judicialReview'),
              ]}
            />
            <Table.Tbody>
              {list.map((m) => (
                <Table.Tr key={m.id}>
                  <RowHeader>{m.title}</RowHeader>
                  <Table.Td>{t(`emergency.category.${m.category}`)}</Table.Td>
                  <Table.Td>{formatDate(m.startDate)}</Table.Td>
                  <Table.Td>{m.endDate ? formatDate(m.endDate) : t('emergency.profile.ongoing')}</Table.Td>
                  <Table.Td>
                    <ValueBadge value={m.parliamentaryReview.outcome} texts="emergency.outcome" colors={OUTCOME_COLORS} tt="none" />
                  </Table.Td>
                  <Table.Td>
                    <ValueBadge value={m.judicialReview.outcome} texts="emergency.outcome" colors={OUTCOME_COLORS} tt="none" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Note>{t('emergency.profile.source')}</Note>
    </Section>
  );
}
