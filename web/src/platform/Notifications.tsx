// The notifications indicator in the header: the number of unread notifications on a bell, and a
// menu of the latest ones linking to where they point; opening one marks it read.
import { Badge, Button, Menu, Text, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from './api';
import { formatDateTime } from './format';

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

const SHOWN = 8;
const POLL_MS = 60_000;

function Bell() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

export function Notifications() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['notifications'],
    queryFn: () => api<{ notifications: AppNotification[]; unread: number }>('GET', `/notifications?limit=${SHOWN}`),
    refetchInterval: POLL_MS,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => api<AppNotification>('POST', `/notifications/${encodeURIComponent(id)}/read`),
    onSettled: () => void client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = list.data?.unread ?? 0;
  const items = list.data?.notifications ?? [];
  const open = (n: AppNotification) => {
    if (!n.read) markRead.mutate(n.id);
  };

  return (
    <Menu position="bottom-end" withinPortal width={360} onOpen={() => void list.refetch()}>
      <Menu.Target>
        <Button
          variant="subtle"
          px="xs"
          aria-label={t('notifications.open', { count: unread })}
          rightSection={
            unread > 0 ? (
              <Badge size="sm" color="red" variant="filled" circle={unread < 10}>
                {unread}
              </Badge>
            ) : undefined
          }
        >
          <Bell />
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('notifications.title')}</Menu.Label>
        {list.error && (
          <Text size="sm" c="red" px="sm" role="alert">
            {list.error.message}
          </Text>
        )}
        {items.length === 0 && !list.error && (
          <Text size="sm" c="dimmed" px="sm" py="xs">
            {t('notifications.none')}
          </Text>
        )}
        {items.map((n) => {
          const content = (
            <>
              <Text component="span" display="block" size="sm" fw={n.read ? 400 : 700} lineClamp={2}>
                {n.title}
              </Text>
              <Text component="span" display="block" size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
              {!n.read && <VisuallyHidden>{t('notifications.unread')}</VisuallyHidden>}
            </>
          );
          return n.link ? (
            <Menu.Item key={n.id} component={Link} to={n.link} onClick={() => open(n)}>
              {content}
            </Menu.Item>
          ) : (
            <Menu.Item key={n.id} onClick={() => open(n)}>
              {content}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
