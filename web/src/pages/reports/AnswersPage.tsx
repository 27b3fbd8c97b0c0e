// The comparison grid of a dataset's coded answers (public), such as the remote-hearings
// self-assessment: one row per item (the dataset's coded variables, in its order), one column per
// partner (in the catalogue's order), each cell the partner's answer with its comment and evidence
// behind a button. The public reads published answers only; a signed-in viewer also reads the
// unpublished ones its role allows (the export's rules), each marked with its status. A partner
// that has published no answer of the period is marked in its column's head. Period in the address.
import { Anchor, Button, Group, NativeSelect, Popover, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type Partner } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { RowHeader } from '../../platform/DataTable';
import { ErrorAlert } from '../../platform/feedback';
import { Loading } from '../../platform/QueryState';
import { useSession } from '../../platform/session';
import { EvidenceLinks } from '../statistics/AnswerInput';
import { useCatalog, usePartnerOrder, usePartners } from '../statistics/model';
import { FigureStatusBadge } from '../statistics/StatusBadge';
import {
  answerGrid,
  answerItems,
  answerPeriods,
  answersQuery,
  hasPublished,
  partnersOf,
  type AnswerItem,
  type ExportedValue,
  type GivenAnswer,
} from './answers';
import { DESIGNATED, labelOf, portalPaths } from './model';
import { Caption, DesignationNote, NotInCatalogue, Note } from './Notes';

export function AnswersPage() {
  const { t } = useTranslation();
  const code = useParams().code ?? '';
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const catalog = useCatalog();
  const partners = usePartners();
  const order = usePartnerOrder();
  const dataset = catalog.data?.datasets.find((d) => d.code === code);
  const items = useMemo(() => (catalog.data && dataset ? answerItems(catalog.data, dataset) : []), [catalog.data, dataset]);
  const values = useQuery({
    // The user is part of the key: what one may read is not what the next one at this browser may.
    queryKey: ['answers', code, user?.id ?? null],
    queryFn: () => api<{ values: ExportedValue[] }>('GET', answersQuery(code)),
    enabled: items.length > 0,
  });
  const columns = useMemo(
    () => (dataset ? partnersOf(dataset, partners.data?.partners ?? []).sort((a, b) => order(a.code, b.code)) : []),
    [dataset, partners.data, order],
  );
  const back = <BackLink to={portalPaths.catalogue}>{t('portal.catalogue.title')}</BackLink>;
  const error = catalog.error ?? partners.error ?? values.error;

  if (!catalog.data) return error ? <ErrorAlert error={error} /> : <Loading label={t('answers.loading')} />;
  if (!dataset) return <NotInCatalogue back={back}>{t('portal.dataset.notFound', { code })}</NotInCatalogue>;
  const title = t('answers.title', { dataset: dataset.label });
  const periods = values.data ? answerPeriods(values.data.values, items) : [];
  const asked = params.get('period');
  const period = asked && periods.includes(asked) ? asked : periods[0];

  return (
    <Stack>
      {back}
      <Title order={2}>{title}</Title>
      <Group gap="md">
        <Anchor component={Link} to={portalPaths.dataset(code)} size="sm">
          {t('domainPage.datasetLink', { dataset: dataset.label })}
        </Anchor>
        <Anchor component={Link} to={portalPaths.domain(dataset.domain)} size="sm">
          {t(`domains.${dataset.domain}`, { defaultValue: dataset.domain })}
        </Anchor>
      </Group>
      <Text>{t('answers.intro')}</Text>
      <Note>{user ? t('answers.signedIn') : t('answers.publishedOnly')}</Note>
      <ErrorAlert error={error} />
      {items.length === 0 ? (
        <Note>{t('answers.noItems')}</Note>
      ) : !values.data ? (
        !values.error && <Loading label={t('answers.loading')} />
      ) : !period ? (
        <Note>{t('answers.nothing')}</Note>
      ) : (
        <>
          <NativeSelect
            label={t('portal.period')}
            w={160}
            data={periods}
            value={period}
            onChange={(e) => setParams({ period: e.currentTarget.value }, { replace: true })}
          />
          <AnswerGrid
            items={items}
            columns={columns}
            grid={answerGrid(values.data.values, items, period)}
            caption={t('answers.caption', { dataset: dataset.label, period })}
          />
        </>
      )}
      <DesignationNote shown={columns.some((p) => p.code === DESIGNATED)} />
    </Stack>
  );
}

interface GridProps {
  items: AnswerItem[];
  columns: Partner[];
  grid: Map<string, Map<string, GivenAnswer>>;
  caption: string;
}

function AnswerGrid({ items, columns, grid, caption }: GridProps) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={240 + columns.length * 150}>
      <Table striped withColumnBorders captionSide="top" verticalSpacing="xs">
        <Caption>{caption}</Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('answers.item')}</Table.Th>
            {columns.map((p) => (
              <Table.Th key={p.code} scope="col">
                {labelOf(p.code, p.name, 'name')}
                {!hasPublished(grid, p.code) && (
                  <Note size="xs" fw={400}>
                    {t('answers.notPublished')}
                  </Note>
                )}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map(({ variable }) => (
            <Table.Tr key={variable.code}>
              <RowHeader fw={500}>{variable.label}</RowHeader>
              {columns.map((p) => (
                <Table.Td key={p.code}>
                  <AnswerCell answer={grid.get(variable.code)?.get(p.code)} item={variable.label} partner={p.name} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A partner's answer: its label and status, and its comment and evidence behind a button; a dash for none. */
function AnswerCell({ answer, item, partner }: { answer: GivenAnswer | undefined; item: string; partner: string }) {
  const { t } = useTranslation();
  if (!answer)
    return (
      <Text c="gray.7" size="sm">
        <span aria-hidden="true">—</span>
        <VisuallyHidden>{t('answers.noAnswer')}</VisuallyHidden>
      </Text>
    );
  const explained = answer.comment !== null || answer.evidence.length > 0;
  return (
    <Group gap={4} align="center" wrap="nowrap">
      <Text size="sm" fw={600}>
        {answer.label}
      </Text>
      <FigureStatusBadge status={answer.status} />
      {explained && (
        <Popover width={320} position="bottom" withArrow returnFocus>
          <Popover.Target>
            <Button size="compact-xs" variant="light" aria-label={t('answers.detailsOf', { item, partner })}>
              {t('answers.details')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Stack gap="xs" role="group" aria-label={t('answers.detailsOf', { item, partner })}>
              {answer.comment !== null && (
                <Stack gap={0}>
                  <Text size="xs" fw={700}>
                    {t('form.comment')}
                  </Text>
                  <Text size="sm">{answer.comment}</Text>
                </Stack>
              )}
              {answer.evidence.length > 0 && <EvidenceLinks links={answer.evidence} />}
            </Stack>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
