// Overview after sign-in: what the user has to do (every capability's tasks, overdue first), the
// user's scope, the partners of the cooperation and quick links to the capabilities.
import { formatDate } from '../platform/format';
import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Partner, type User } from '../platform/api';
import { ErrorAlert } from '../platform/feedback';
import { Loading } from '../platform/QueryState';
import { Muted } from '../platform/text';

import type { Task } from '../../../src/platform/tasks.js';
import type { AppNotification } from '../platform/Notifications';

const QUICK_LINKS = [
  { key: 'statistics', to: '/statistics' },
  { key: 'justice', to: '/justice' },
  { key: 'migration', to: '/migration' },
  { key: 'commitments', to: '/commitments' },
  { key: 'meetings', to: '/meetings' },
] as const;

/** What waits for the user, each with where to do it and its due date ("overdue" in words, not only colour). */
function Tasks() {
  const { t } = useTranslation();
  const tasks = useQuery({
    queryKey: ['my-tasks'],
    queryFn: () => api<{ tasks: Task[] }>('GET', '/me/tasks'),
    refetchInterval: 60_000,
  });
  const list = tasks.data?.tasks ?? [];
  return (
    <Stack component="section" aria-labelledby="tasks-title" gap="xs">
      <Title order={3} id="tasks-title">
        {t('home.tasks.title', { count: list.length })}
      </Title>
      <ErrorAlert error={tasks.error} />
      {!tasks.data && !tasks.error && <Loading label={t('home.tasks.loading')} />}
      {tasks.data && list.length === 0 && <Text>{t('home.tasks.none')}</Text>}
      {list.length > 0 && (
        <List spacing="xs" listStyleType="none" pl={0} aria-labelledby="tasks-title">
          {list.map((task) => (
            <List.Item key={`${task.kind}|${task.link}|${task.title}`}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={task.link} fw={600}>
                  {task.title}
                </Anchor>
                {task.overdue && (
                  <Badge color="red.9" variant="filled">
                    {t('home.tasks.overdue')}
                  </Badge>
                )}
              </Group>
              <Muted size="sm">
                {task.detail}
                {task.dueDate ? ` ${t('home.tasks.due', { date: formatDate(task.dueDate) })}` : ''}
              </Muted>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The latest unread notifications (the bell has them all): what happened that concerns the user. */
function News() {
  const { t } = useTranslation();
  const news = useQuery({
    queryKey: ['notifications', 'home'],
    queryFn: () => api<{ notifications: AppNotification[] }>('GET', '/notifications?limit=20'),
    refetchInterval: 60_000,
  });
  const unread = (news.data?.notifications ?? []).filter((n) => !n.read).slice(0, 5);
  if (unread.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby="news-title" gap="xs">
      <Title order={3} id="news-title">
        {t('home.news')}
      </Title>
      <List spacing="xs" listStyleType="none" pl={0} aria-labelledby="news-title">
        {unread.map((n) => (
          <List.Item key={n.id}>
            {n.link ? (
              <Anchor component={Link} to={n.link} fw={600}>
                {n.title}
              </Anchor>
            ) : (
              <Text fw={600}>{n.title}</Text>
            )}
            <Muted size="sm">
              {n.body} ({formatDate(n.createdAt)})
            </Muted>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

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
      <Tasks />
      <News />
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
