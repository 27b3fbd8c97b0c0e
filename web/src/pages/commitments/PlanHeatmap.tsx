// The progress heat map of a plan: objectives (rows) × partners (columns), each cell coloured by
// the latest visible assessment of the partner's commitments under the objective (grey where
// none is assessed, dashed and empty where the partner has no commitment), and the same data as a
// table. The map is a CSS grid, not a chart: objectives keep their whole titles (wrapped, above
// their row on a phone), every partner keeps a column at 390 px, and the legend wraps.
import { ColorSwatch, Group, Stack, Table, Text } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Partner } from '../../platform/api';
import { DataTable, RowHeader } from '../../platform/DataTable';
import { Muted } from '../../platform/text';
import { contrast } from '../../platform/theme';
import { PartnerLink } from './CommitmentTable';
import { ASSESSMENT_COLORS, ASSESSMENTS, NOT_ASSESSED_COLOR, type HeatCell, type Heatmap } from './model';

function cellOf(heatmap: Heatmap, partner: string, objective: string): HeatCell | undefined {
  return heatmap.cells.find((c) => c.partner === partner && c.objective === objective);
}

/** Black or white, whichever reads better on `background` (at least 4.5:1 on the scale's colours). */
export function textOn(background: string): string {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

export function PlanHeatmap({ heatmap, partners }: { heatmap: Heatmap; partners: Partner[] }) {
  const { t } = useTranslation();
  const { objectives } = heatmap;
  const name = (code: string) => partners.find((p) => p.code === code)?.name ?? code;
  const cellText = (c: HeatCell) =>
    c.level
      ? `${t(`commitments.assessment.${c.level}`)} (${t('commitments.heat.scoreOf', { score: c.score })}), ${t('commitments.heat.assessedOf', { assessed: c.assessed, count: c.commitments })}`
      : `${t('commitments.notAssessed')}, ${t('commitments.heat.commitmentCount', { count: c.commitments })}`;
  const columns = { '--heat-columns': heatmap.partners.length } as CSSProperties;
  const scale = [
    { label: t('commitments.notAssessed'), color: NOT_ASSESSED_COLOR },
    ...ASSESSMENTS.map((a) => ({ label: t(`commitments.assessment.${a}`), color: ASSESSMENT_COLORS[a] })),
  ];
  return (
    <Stack gap="xs">
      <div role="img" aria-label={t('commitments.heat.chartLabel')}>
        <div className="heat-grid" style={columns}>
          <span className="heat-corner" />
          {heatmap.partners.map((p) => (
            <abbr key={p} className="heat-head" title={name(p)}>
              {p}
            </abbr>
          ))}
          {objectives.map((o) => (
            <HeatRow key={o.code} code={o.code} title={o.title}>
              {heatmap.partners.map((p) => {
                const c = cellOf(heatmap, p, o.code);
                if (!c)
                  return <span key={p} className="heat-cell heat-cell-empty" title={`${name(p)}: ${t('commitments.heat.noCommitment')}`} />;
                const background = c.level ? ASSESSMENT_COLORS[c.level] : NOT_ASSESSED_COLOR;
                return (
                  <span
                    key={p}
                    className="heat-cell"
                    style={{ backgroundColor: background, color: textOn(background) }}
                    title={`${name(p)} — ${o.code} ${o.title}: ${cellText(c)}`}
                  >
                    {c.level ? c.score : '–'}
                  </span>
                );
              })}
            </HeatRow>
          ))}
        </div>
        <Group gap="sm" mt="xs" className="heat-legend">
          {scale.map((s) => (
            <Group key={s.label} gap={4} wrap="nowrap">
              <ColorSwatch color={s.color} size={14} radius={2} withShadow={false} />
              <Text size="xs">{s.label}</Text>
            </Group>
          ))}
        </Group>
      </div>
      <Muted>{t('commitments.heat.legend')}</Muted>
      <HeatTable heatmap={heatmap} name={name} />
    </Stack>
  );
}

/** An objective's whole title and its cells: one grid row on a wide screen, the title above the cells on a phone. */
function HeatRow({ code, title, children }: { code: string; title: string; children: ReactNode }) {
  return (
    <>
      <span className="heat-label">
        {code} {title}
      </span>
      {children}
    </>
  );
}

function HeatTable({ heatmap, name }: { heatmap: Heatmap; name: (code: string) => string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      minWidth={260 + heatmap.partners.length * 120}
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
