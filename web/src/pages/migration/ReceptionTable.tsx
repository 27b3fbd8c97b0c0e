// Reception centres in the month: capacity, persons accommodated and occupancy, with a bar per
// centre (red from 90 %, the early-warning threshold). The table is itself the accessible form.
import { Group, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMonth, formatNumber, NEARLY_FULL, occupancyColor, type Centre, type PartnerFigures } from './model';

export function ReceptionTable({ centres, partners, period }: { centres: Centre[]; partners: PartnerFigures[]; period: string }) {
  const { t } = useTranslation();
  if (centres.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('migration.reception.none', { month: formatMonth(period) })}
      </Text>
    );
  const nameOf = (code: string) => partners.find((p) => p.partner === code)?.name ?? code;
  return (
    <>
      <Text size="sm" c="dimmed">
        {t('migration.reception.legend', { threshold: NEARLY_FULL })}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t('migration.reception.label', { month: formatMonth(period) })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('migration.reception.centre')}</Table.Th>
              <Table.Th scope="col">{t('migration.partners.partner')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('migration.reception.capacity')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('migration.reception.accommodated')}
              </Table.Th>
              <Table.Th scope="col" miw={200}>
                {t('migration.reception.occupancy')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {centres.map((c) => (
              <Table.Tr key={c.orgUnit}>
                <Table.Th scope="row" fw={400}>
                  {c.name}
                </Table.Th>
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
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
