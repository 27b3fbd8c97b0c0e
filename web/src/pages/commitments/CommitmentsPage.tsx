// Commitments (public): the plans grouped by kind with their counts, each Western Balkan partner's
// commitments, and the reporting rounds — the open ones with their due dates for signed-in users.
import { Alert, Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../platform/api';
import { usePartners } from '../statistics/model';
import { RoundsTable } from './RoundsTable';
import { pages, PLAN_KINDS, usePlans, useRounds } from './model';

export function CommitmentsPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const plans = usePlans();
  const rounds = useRounds();
  const partners = usePartners();
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  const all = plans.data?.plans ?? [];
  const open = (rounds.data?.rounds ?? []).filter((r) => r.status === 'open');
  const published = (rounds.data?.rounds ?? []).filter((r) => r.status === 'published');
  const own = user?.partner ? wb6.find((p) => p.code === user.partner) : undefined;
  const error = plans.error ?? rounds.error ?? partners.error;

  return (
    <Stack>
      <Title order={2}>{t('commitments.title')}</Title>
      <Text>{t('commitments.intro')}</Text>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <Group gap="sm">
        {own && (
          <Button component={Link} to={pages.partner(own.code)}>
            {t('commitments.ownCommitments', { partner: own.name })}
          </Button>
        )}
        {user && (
          <Button component={Link} to={pages.overdue} variant="light">
            {t('commitments.overdueLink')}
          </Button>
        )}
      </Group>
      {user && (
        <Paper withBorder p="md" component="section" aria-labelledby="open-rounds-title">
          <Title order={3} size="h4" id="open-rounds-title">
            {t('commitments.openRounds')}
          </Title>
          {rounds.data && open.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('commitments.noOpenRounds')}
            </Text>
          )}
          {open.length > 0 && <RoundsTable rounds={open} showPlan label={t('commitments.openRounds')} />}
        </Paper>
      )}
      {PLAN_KINDS.map((kind) => {
        const ofKind = all.filter((p) => p.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <Paper key={kind} withBorder p="md" component="section" aria-labelledby={`kind-${kind}`}>
            <Title order={3} size="h4" id={`kind-${kind}`}>
              {t(`commitments.kinds.${kind}`)}
            </Title>
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-labelledby={`kind-${kind}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('commitments.plan')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('commitments.objectives')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('commitments.actions')}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('commitments.commitmentsCount')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ofKind.map((p) => (
                    <Table.Tr key={p.code}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={pages.plan(p.code)}>
                          {p.title}
                        </Anchor>
                      </Table.Th>
                      <Table.Td ta="right">{p.objectives}</Table.Td>
                      <Table.Td ta="right">{p.actions}</Table.Td>
                      <Table.Td ta="right">{p.commitments}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
      <Paper withBorder p="md" component="section" aria-labelledby="by-partner-title">
        <Title order={3} size="h4" id="by-partner-title">
          {t('commitments.byPartner')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mt="xs">
          {wb6.map((p) => (
            <Anchor key={p.code} component={Link} to={pages.partner(p.code)} size="sm">
              {p.name}
            </Anchor>
          ))}
        </SimpleGrid>
      </Paper>
      {published.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="published-rounds-title">
          <Title order={3} size="h4" id="published-rounds-title">
            {t('commitments.publishedRounds')}
          </Title>
          <RoundsTable rounds={published} showPlan label={t('commitments.publishedRounds')} />
        </Paper>
      )}
    </Stack>
  );
}
