// The shell: sign-in when nobody is signed in, otherwise the header, the navigation (only what
// works for this role) and the page.
import { Anchor, AppShell, Burger, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './platform/api';
import { useSession } from './platform/session';
import { UserMenu } from './platform/UserMenu';
import { AuditPage } from './pages/AuditPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { UsersPage } from './pages/UsersPage';
import { CollectionPage } from './pages/statistics/CollectionPage';
import { ImportPage } from './pages/statistics/ImportPage';
import { IndicatorsPage } from './pages/statistics/IndicatorsPage';
import { SubmissionPage } from './pages/statistics/SubmissionPage';

interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[] | 'any';
}

export function App() {
  const { t } = useTranslation();
  const { user, loading } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();

  if (loading) {
    return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  }
  if (!user) return <SignInPage />;

  const nav: NavItem[] = [
    { to: '/', label: t('nav.home'), roles: 'any' },
    { to: '/statistics', label: t('nav.statistics'), roles: 'any' },
    { to: '/statistics/import', label: t('nav.import'), roles: ['coordinator', 'admin'] },
    { to: '/indicators', label: t('nav.indicators'), roles: 'any' },
    { to: '/admin/users', label: t('nav.users'), roles: ['admin'] },
    { to: '/admin/audit', label: t('nav.audit'), roles: ['admin', 'commission'] },
  ];
  const allowed = (item: NavItem) => item.roles === 'any' || item.roles.includes(user.role);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">{t('app.skip')}</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.main')} />
            <Anchor component={Link} to="/" underline="never" c="inherit">
              <Title order={1} size="h3">{t('app.name')}</Title>
            </Anchor>
            <Text size="sm" c="dimmed" visibleFrom="md">{t('app.tagline')}</Text>
          </Group>
          <UserMenu user={user} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {nav.filter(allowed).map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={location.pathname === item.to} onClick={close} />
        ))}
        <NavLink href="/api/docs" label={t('nav.api')} target="_blank" rel="noopener" />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Routes>
          <Route path="/" element={<HomePage user={user} />} />
          <Route path="/statistics" element={<CollectionPage user={user} />} />
          <Route path="/statistics/import" element={['coordinator', 'admin'].includes(user.role) ? <ImportPage /> : <Forbidden />} />
          <Route path="/statistics/:dataset/:partner/:period" element={<SubmissionPage user={user} />} />
          <Route path="/indicators" element={<IndicatorsPage />} />
          <Route path="/admin/users" element={user.role === 'admin' ? <UsersPage currentUser={user} /> : <Forbidden />} />
          <Route path="/admin/audit" element={['admin', 'commission'].includes(user.role) ? <AuditPage /> : <Forbidden />} />
          <Route path="/sign-in" element={<Navigate to="/" replace />} />
          <Route path="*" element={<Text role="alert">{t('errors.notFound')}</Text>} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}

function Forbidden() {
  const { t } = useTranslation();
  return <Text role="alert">{t('errors.forbidden')}</Text>;
}
