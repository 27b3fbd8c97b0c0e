// The progress heat map of a plan: objectives (rows) × partners (columns), each cell coloured by
// the latest visible assessment of the partner's commitments under the objective (grey where
// none is assessed, empty where the partner has no commitment), and the same data as a table.
import { ColorSwatch, Group, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { EChart, type ChartOption } from '../statistics/EChart';
import { PartnerLink } from './CommitmentTable';
import { ASSESSMENT_COLORS, ASSESSMENTS, NOT_ASSESSED_COLOR, type HeatCell, type Heatmap } from './model';

/** The heat map series, added to ECharts before the chart draws. */
const prepare = () => import('./echarts-heatmap');

/** The value standing for "not assessed" in the chart's colour scale. */
const NONE = -1;

function cellOf(heatmap: Heatmap, partner: string, objective: string): HeatCell | undefined {
  return heatmap.cells.find((c) => c.partner === partner && c.objective === objective);
}

export function PlanHeatmap({ heatmap, partners }: { heatmap: Heatmap; partners: Partner[] }) {
  const { t } = useTranslation();
  const { objectives } = heatmap;
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  const option = useMemo<ChartOption>(() => {
    const nameOf = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
    const cellText = (c: HeatCell) =>
      c.level
        ? `${t(`commitments.assessment.${c.level}`)} (${t('commitments.heat.scoreOf', { score: c.score })})`
        : t('commitments.notAssessed');
    const data = heatmap.cells.map((c) => ({
      value: [
        heatmap.partners.indexOf(c.partner),
        objectives.findIndex((o) => o.code === c.objective),
        c.level ? ASSESSMENTS.indexOf(c.level) : NONE,
      ],
      cell: c,
    }));
    return {
      animation: false,
      tooltip: {
        renderMode: 'richText',
        formatter: (p: { data: { cell: HeatCell } }) => {
          const c = p.data.cell;
          const objective = objectives.find((o) => o.code === c.objective);
          return `${nameOf(c.partner)} — ${c.objective} ${objective?.title ?? ''}\n${cellText(c)}\n${t('commitments.heat.assessedOf', { assessed: c.assessed, count: c.commitments })}`;
        },
      },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'category', data: heatmap.partners, position: 'top', splitArea: { show: true } },
      yAxis: {
        type: 'category',
        inverse: true,
        splitArea: { show: true },
        data: objectives.map((o) => `${o.code} ${o.title}`),
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 2,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 14,
        itemHeight: 14,
        textStyle: { fontSize: 11 },
        pieces: [
          { value: NONE, label: t('commitments.notAssessed'), color: NOT_ASSESSED_COLOR },
          ...ASSESSMENTS.map((a, i) => ({ value: i, label: t(`commitments.assessment.${a}`), color: ASSESSMENT_COLORS[a] })),
        ],
      },
      series: [
        {
          type: 'heatmap',
          data,
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          label: {
            show: true,
            formatter: (p: { data: { cell: HeatCell } }) => (p.data.cell.level ? String(p.data.cell.score) : '–'),
            color: '#1b1b1b',
          },
        },
      ],
    };
  }, [heatmap, objectives, partners, t]);

  return (
    <Stack gap="xs">
      <EChart
        option={option}
        label={t('commitments.heat.chartLabel')}
        height={Math.max(220, 110 + objectives.length * 44)}
        prepare={prepare}
      />
      <Muted>{t('commitments.heat.legend')}</Muted>
      <HeatTable heatmap={heatmap} name={name} />
    </Stack>
  );
}

function HeatTable({ heatmap, name }: { heatmap: Heatmap; name: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={260 + heatmap.partners.length * 150}
      striped
      withTableBorder
      aria-label={t('commitments.heat.tableLabel')}
      columns={[
        t('commitments.objective'),
        ...heatmap.partners.map((p) => (
          <PartnerLink code={p}>
            <abbr title={name(p)}>{p}</abbr>
          </PartnerLink>
        )),
      ]}
    >
      {heatmap.objectives.map((o) => (
        <Table.Tr key={o.code}>
          <RowHeader>
            {o.code} {o.title}
          </RowHeader>
          {heatmap.partners.map((p) => {
            const c = cellOf(heatmap, p, o.code);
            return (
              <Table.Td key={p}>
                {c ? (
                  <Stack gap={0}>
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch
                        color={c.level ? ASSESSMENT_COLORS[c.level] : NOT_ASSESSED_COLOR}
                        size={12}
                        withShadow={false}
                        aria-hidden
                      />
                      <Text size="sm" fw={c.level ? 600 : 400} c={c.level ? undefined : 'dimmed'}>
                        {c.level ? t(`commitments.assessment.${c.level}`) : t('commitments.notAssessed')}
                      </Text>
                    </Group>
                    <Muted size="xs">
                      {c.level
                        ? `${t('commitments.heat.scoreOf', { score: c.score })} · ${t('commitments.heat.assessedOf', { assessed: c.assessed, count: c.commitments })}`
                        : t('commitments.heat.commitmentCount', { count: c.commitments })}
                    </Muted>
                  </Stack>
                ) : (
                  <Muted span>{t('commitments.heat.noCommitment')}</Muted>
                )}
              </Table.Td>
            );
          })}
        </Table.Tr>
      ))}
    </DataTable>
  );
}
