// A partner's public profile (GET /reports/partners/{code}): per domain (justice, migration) the
// partner's latest published figure of each indicator against the regional median, with the
// partners the median covers and where the partner stands; its commitments by reported status and
// latest assessment, recommendations apart; each block with its source and last release. A
// switcher opens another partner's profile; the same profile downloads as a PDF.
import { Anchor, Button, Group, List, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { BackLink } from '../../platform/BackLink';
import { HeaderRow, RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { formatDate, formatNumber, withUnit } from '../../platform/format';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { REGION_SIZE } from '../statistics/coverage';
import { NoRegionValue } from '../statistics/Coverage';
import { RevisedBadge } from '../statistics/FigureMarks';

import { useCatalog, usePartners } from '../statistics/model';
import {
  DESIGNATED,
  labelOf,
  portalFiles,
  portalPaths,
  usePartnerProfile,
  type CommitmentPart,
  type PartnerProfile,
  type ProfileBlock,
  type ProfileRow,
} from './model';
import { Caption, DesignationNote, Note } from './Notes';
import { ProfileMeasures } from '../rule-of-law/ProfileMeasures';

// Dark enough for small bold text on white (contrast above 6:1); the words say it, the colour only helps.
const POSITION_COLORS = { better: '#1b6e2d', worse: '#a63c06', at_median: 'gray.7' } as const;
const POSITION_TEXTS = { better: 'justice.compared.better', worse: 'justice.compared.worse', at_median: 'justice.compared.equal' } as const;

export function PartnerProfilePage() {
  const { t } = useTranslation();
  const code = (useParams().code ?? '').toUpperCase();
  const navigate = useNavigate();
  const partners = usePartners();
  const catalog = useCatalog();
  const profile = usePartnerProfile(code);
  const wb6 = useMemo(() => (partners.data?.partners ?? []).filter((p) => p.group === 'WB6'), [partners.data]);
  const decimals = useMemo(() => new Map((catalog.data?.indicators ?? []).map((i) => [i.code, i.decimals])), [catalog.data]);
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;
  const data = profile.data?.partner.code === code ? profile.data : undefined;
  const name = labelOf(code, data?.partner.name ?? wb6.find((p) => p.code === code)?.name, 'name');

  return (
    <Stack>
      {back}
      <Title order={2}>{t('portal.profile.title', { partner: name })}</Title>
      <Text>{t('portal.profile.intro')}</Text>
      <Group align="flex-end" gap="md">
        <Select
          label={t('portal.profile.switch')}
          data={wb6.map((p) => ({ value: p.code, label: labelOf(p.code, p.name, 'name') }))}
          value={wb6.some((p) => p.code === code) ? code : null}
          onChange={(v) => v && navigate(portalPaths.partner(v))}
          allowDeselect={false}
          w={260}
        />
        {data && (
          <>
            <Button component="a" href={portalFiles.profilePdf(code)} download variant="filled">
              {t('portal.profile.pdf')}
            </Button>
            <Anchor href={portalFiles.profileHtml(code)} target="_blank" rel="noopener" size="sm">
              {t('portal.profile.html')}
            </Anchor>
          </>
        )}
      </Group>
      <ErrorAlert error={partners.error ?? catalog.error} />
      {!data ? (
        <QueryState error={profile.error} loading={t('portal.profile.loading')} notFound={t('portal.profile.notFound', { code })} />
      ) : (
        <>
          {data.figures.map((block) => (
            <FiguresSection key={block.domain} block={block} partner={name} decimals={decimals} />
          ))}
          <CommitmentsSection commitments={data.commitments} partner={name} code={code} />
          <ProfileMeasures code={code} partner={name} />
          <Note size="xs">{t('portal.profile.generated', { when: formatDate(data.generatedAt) })}</Note>
        </>
      )}
      <DesignationNote shown={code === DESIGNATED || wb6.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

function Provenance({ sources, releasedAt }: { sources: string[]; releasedAt: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Note>{t('portal.profile.source', { source: sources.length ? sources.join('; ') : '—' })}</Note>
      <Note>{releasedAt ? t('portal.profile.released', { date: formatDate(releasedAt) }) : t('portal.profile.notReleased')}</Note>
    </Stack>
  );
}

function FiguresSection({ block, partner, decimals }: { block: ProfileBlock; partner: string; decimals: Map<string, number> }) {
  const { t } = useTranslation();
  const id = `profile-${block.domain}`;
  const title = t(`portal.profile.blocks.${block.domain}`, { defaultValue: block.title });
  return (
    <Section id={id} title={title} gap="xs">
      {block.rows.length === 0 ? (
        <Note>{t('portal.profile.noFigures', { partner })}</Note>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped captionSide="top">
            <Caption>{t('portal.profile.figuresCaption', { partner, block: title })}</Caption>
            <HeaderRow
              columns={[
                t('indicators.indicator'),
                t('portal.period'),
                { label: partner, ta: 'right' },
                { label: t('justice.medianColumn'), ta: 'right' },
                t('justice.comparedColumn'),
              ]}
            />
            <Table.Tbody>
              {block.rows.map((row) => (
                <FigureRowView key={row.indicator} row={row} decimals={decimals.get(row.indicator)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Provenance sources={block.sources} releasedAt={block.releasedAt} />
    </Section>
  );
}

function FigureRowView({ row, decimals }: { row: ProfileRow; decimals: number | undefined }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <RowHeader>
        <Anchor component={Link} to={portalPaths.indicator(row.indicator)} size="sm">
          {withUnit(row.label, row.unit)}
        </Anchor>
      </RowHeader>
      <Table.Td>{row.period}</Table.Td>
      <Table.Td ta="right" fw={700}>
        {formatNumber(row.value, decimals)}
        {row.revised && <RevisedBadge />}
      </Table.Td>
      <Table.Td ta="right">
        {row.median !== null ? (
          <>
            <Text span display="block" size="sm">
              {formatNumber(row.median, decimals)}
            </Text>
            <Text span display="block" size="xs" c="gray.7">
              {t('indicators.coveredPartners', { members: row.members, size: REGION_SIZE })}
            </Text>
          </>
        ) : (
          <NoRegionValue members={row.members} />
        )}
      </Table.Td>
      <Table.Td>
        {row.position ? (
          <Text size="sm" fw={600} c={POSITION_COLORS[row.position]}>
            {t(POSITION_TEXTS[row.position])}
          </Text>
        ) : (
          <Note>{t(row.median === null ? 'justice.compared.noMedian' : 'justice.compared.none')}</Note>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function CommitmentsSection({ commitments, partner, code }: { commitments: PartnerProfile['commitments']; partner: string; code: string }) {
  const { t } = useTranslation();
  return (
    <Section id="profile-commitments" title={t('portal.profile.commitments')} gap="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <CommitmentCounts id="profile-plans" title={t('portal.profile.plans')} part={commitments.plans} partner={partner} />
        <CommitmentCounts
          id="profile-recommendations"
          title={t('portal.profile.recommendations')}
          part={commitments.recommendations}
          partner={partner}
        />
      </SimpleGrid>
      <Anchor component={Link} to={`/commitments/partners/${encodeURIComponent(code)}`} size="sm" w="fit-content">
        {t('commitments.ownCommitments', { partner })}
      </Anchor>
      <Provenance sources={[commitments.source]} releasedAt={commitments.releasedAt} />
    </Section>
  );
}

const STATUS_ORDER = ['completed', 'in_progress', 'delayed', 'not_started', 'cancelled', 'none'];
const ASSESSMENT_ORDER = ['fully_implemented', 'significant_progress', 'some_progress', 'limited_progress', 'no_progress', 'none'];

/** The counts in the order of the scale; keys the scale does not know last. */
function ordered(counts: Record<string, number>, order: string[]): [string, number][] {
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b));
}

function CommitmentCounts({ id, title, part, partner }: { id: string; title: string; part: CommitmentPart; partner: string }) {
  const { t } = useTranslation();
  const statusText = (s: string) => (s === 'none' ? t('commitments.noStatus') : t(`commitments.progress.${s}`, { defaultValue: s }));
  const assessmentText = (s: string) =>
    s === 'none' ? t('commitments.notAssessed') : t(`commitments.assessment.${s}`, { defaultValue: s });
  return (
    <Section id={id} title={title} order={4} plain gap="xs">
      {part.total === 0 ? (
        <Note>{t('portal.profile.noCommitments', { partner })}</Note>
      ) : (
        <>
          <Text size="sm">{t('portal.profile.commitmentTotals', { count: part.total, overdue: part.overdue })}</Text>
          <SimpleGrid cols={2} spacing="sm">
            <CountTable
              caption={t('portal.profile.byStatus')}
              heading={t('portal.profile.statusColumn')}
              rows={ordered(part.byStatus, STATUS_ORDER)}
              text={statusText}
            />
            <CountTable
              caption={t('portal.profile.byAssessment')}
              heading={t('portal.profile.assessmentColumn')}
              rows={ordered(part.byAssessment, ASSESSMENT_ORDER)}
              text={assessmentText}
            />
          </SimpleGrid>
          <Text size="sm" fw={700}>
            {t('portal.profile.inPlans')}
          </Text>
          <List size="sm" spacing={2}>
            {part.plans.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </>
      )}
    </Section>
  );
}

function CountTable({
  caption,
  heading,
  rows,
  text,
}: {
  caption: string;
  heading: string;
  rows: [string, number][];
  text: (key: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table captionSide="top" verticalSpacing={4}>
      <Caption>{caption}</Caption>
      <HeaderRow columns={[heading, { label: t('portal.profile.count'), ta: 'right' }]} />
      <Table.Tbody>
        {rows.map(([key, count]) => (
          <Table.Tr key={key}>
            <RowHeader>{text(key)}</RowHeader>
            <Table.Td ta="right">{count}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
