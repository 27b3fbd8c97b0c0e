// Overview after sign-in: the user's scope, the partners of the cooperation and quick links to the
// capabilities.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Partner, type User } from '../platform/api';
import { Muted } from '../platform/text';

const QUICK_LINKS = [
  { key: 'statistics', to: '/statistics' },
  { key: 'justice', to: '/justice' },
  { key: 'migration', to: '/migration' },
  { key: 'commitments', to: '/commitments' },
  { key: 'meetings', to: '/meetings' },
] as const;

export function HomePage({ user }: { user: User }) {
  const { t } = useTranslation();
  const partners = useQuery({ queryKey: ['partners'], queryFn: () => api<{ partners: Partner[] }>('GET', '/partners') });
  const wb6 = partners.data?.partners.filter((p) => p.group === 'WB6') ?? [];
  const own = partners.data?.partners.find((p) => p.code === user.partner);
  return (
    <Stack>
      <Title order={2}>{t('home.welcome', { name: user.name })}</Title>
      <Group gap="xs">
        <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
        <Text>{user.partner ? t('home.scope', { partner: own?.name ?? user.partner }) : t('home.scopeAll')}</Text>
      </Group>
      <Title order={3}>{t('home.wb6')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        {wb6.map((p) => (
          <Card key={p.code} withBorder padding="sm" aria-label={p.name}>
            <Text fw={700}>{p.code}</Text>
            <Text size="sm">{p.name}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack component="section" aria-labelledby="quick-links-title" gap="sm">
        <Title order={3} id="quick-links-title">
          {t('home.quickTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          {QUICK_LINKS.map((l) => (
            <Card key={l.key} withBorder padding="sm">
              <Anchor component={Link} to={l.to} fw={700}>
                {t(`home.quick.${l.key}`)}
              </Anchor>
              <Muted>{t(`home.quick.${l.key}Text`)}</Muted>
            </Card>
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
