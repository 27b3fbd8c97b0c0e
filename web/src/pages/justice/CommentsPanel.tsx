// The national correspondent's comments on the figures of one year, as published with the
// submission: each distinct comment once, with the figures it is attached to.
import { Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { submissionPath, submissionQueryKey, type Catalog, type StoredCell, type Submission } from '../statistics/model';
import { DATASET } from './model';

const SHOWN_FIGURES = 4;

function cellLabel(cell: StoredCell, catalog: Catalog | undefined): string {
  const variable = catalog?.variables.find((v) => v.code === cell.variable)?.label ?? cell.variable;
  const coords = Object.entries(cell.coords).map(
    ([d, c]) => catalog?.dimensions.find((x) => x.code === d)?.codes.find((x) => x.code === c)?.label ?? c,
  );
  return coords.length ? `${variable} (${coords.join(', ')})` : variable;
}

export function CommentsPanel({ partner, year, catalog }: { partner: string; year: string; catalog: Catalog | undefined }) {
  const { t } = useTranslation();
  const key = { dataset: DATASET, partner, period: year };
  const submission = useQuery({ queryKey: submissionQueryKey(key), queryFn: () => api<Submission>('GET', submissionPath(key)) });
  const groups = new Map<string, StoredCell[]>();
  for (const cell of submission.data?.values ?? []) {
    const text = cell.comment?.trim();
    if (!text) continue;
    groups.set(text, [...(groups.get(text) ?? []), cell]);
  }
  const notFound = submission.error instanceof ApiError && submission.error.status === 404;
  return (
    <Section id="comments-title" title={t('justice.commentsTitle', { year })} gap="sm">
      <Muted>{t('justice.commentsIntro')}</Muted>
      {!notFound && <ErrorAlert error={submission.error} />}
      {(notFound || (submission.data && groups.size === 0)) && <Text size="sm">{t('justice.noComments')}</Text>}
      {[...groups].map(([text, cells]) => {
        const labels = [...new Set(cells.map((c) => cellLabel(c, catalog)))];
        return (
          <Paper key={text} withBorder p="sm" radius="sm" component="article" aria-label={t('justice.comment')} bg="gray.0">
            <Stack gap={4}>
              <Text className="pre-wrap">“{text}”</Text>
              <Group gap="xs">
                <Badge variant="light" color="gray">
                  {t('justice.onFigures', { count: cells.length })}
                </Badge>
              </Group>
              <List size="xs" c="dimmed">
                {labels.slice(0, SHOWN_FIGURES).map((l) => (
                  <List.Item key={l}>{l}</List.Item>
                ))}
                {labels.length > SHOWN_FIGURES && <List.Item>{t('justice.andMore', { count: labels.length - SHOWN_FIGURES })}</List.Item>}
              </List>
            </Stack>
          </Paper>
        );
      })}
    </Section>
  );
}
