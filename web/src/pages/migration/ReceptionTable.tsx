// Reception centres in the month: capacity, persons accommodated and occupancy, with a bar per
// centre (red from 90 %, the early-warning threshold). The table is itself the accessible form.
import { Group, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable, rightAligned, RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { FigureStatusBadge } from '../statistics/StatusBadge';
import { formatMonth, formatNumber, NEARLY_FULL, occupancyColor, type Centre, type PartnerFigures } from './model';

export function ReceptionTable({ centres, partners, period }: { centres: Centre[]; partners: PartnerFigures[]; period: string }) {
  const { t } = useTranslation();
  if (centres.length === 0) return <Muted>{t('migration.reception.none', { month: formatMonth(period) })}</Muted>;
  const nameOf = (code: string) => partners.find((p) => p.partner === code)?.name ?? code;
  return (
    <>
      <Muted>{t('migration.reception.legend', { threshold: NEARLY_FULL })}</Muted>
      <DataTable
        minWidth={720}
        striped
        aria-label={t('migration.reception.label', { month: formatMonth(period) })}
        columns={[
          t('migration.reception.centre'),
          t('migration.partners.partner'),
          ...rightAligned([t('migration.reception.capacity'), t('migration.reception.accommodated')]),
          { label: t('migration.reception.occupancy'), miw: 200 },
        ]}
      >
        {centres.map((c) => (
          <Table.Tr key={c.orgUnit}>
            <RowHeader>
              {c.name}
              <FigureStatusBadge status={c.status} />
            </RowHeader>
            <Table.Td>{nameOf(c.partner)}</Table.Td>
            <Table.Td ta="right">{formatNumber(c.capacity)}</Table.Td>
            <Table.Td ta="right">{formatNumber(c.accommodated)}</Table.Td>
            <Table.Td>
              {c.occupancy === null ? (
                '—'
              ) : (
                <Group gap="xs" wrap="nowrap">
                  <Text
                    size="sm"
                    fw={c.occupancy >= NEARLY_FULL ? 700 : 400}
                    c={c.occupancy >= NEARLY_FULL ? 'red.8' : undefined}
                    miw={64}
                    ta="right"
                  >
                    {formatNumber(c.occupancy)} %
                  </Text>
                  <Progress
                    value={Math.min(c.occupancy, 100)}
                    color={occupancyColor(c.occupancy)}
                    size="lg"
                    flex={1}
                    miw={100}
                    aria-label={t('migration.reception.bar', { centre: c.name, value: formatNumber(c.occupancy) })}
                  />
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </>
  );
}
