// The account menu in the header: who is signed in, their role and partner, their account page, sign out.
import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from './api';
import { useSignOut } from './session';

export function UserMenu({ user }: { user: User }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const initials = user.name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          leftSection={
            <Avatar size="sm" color="eu" aria-hidden>
              {initials}
            </Avatar>
          }
          // The name shown on the button comes first in its accessible name (WCAG 2.5.3, label in name).
          aria-label={t('a11y.accountMenu', { name: user.name })}
        >
          <Text size="sm" visibleFrom="xs">
            {user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item disabled>
          {t('menu.role')}: {t(`roles.${user.role}`)}
        </Menu.Item>
        {user.partner && (
          <Menu.Item disabled>
            {t('menu.partner')}: {user.partner}
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item component={Link} to="/account">
          {t('menu.account')}
        </Menu.Item>
        <Menu.Item onClick={() => signOut.mutate()}>{t('menu.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
