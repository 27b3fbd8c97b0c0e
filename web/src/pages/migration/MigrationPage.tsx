// The regional migration situation for a month (open to everyone, as far as the figures are
// published; signed-in users open on the published figures too and may turn "Published only" off
// to include the unpublished figures their role lets them read, each marked with its status): the
// map, key figures, twelve months of arrivals, intentions and applications, reception centres, the
// top citizenships and the sources; signed-in users also get the early warnings and reporting compliance.
import { Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { PublishedOnlySwitch, usePublishedOnly } from '../../platform/PublishedOnly';
import { Loading, QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { AlertFeed } from './Alerts';
import { Citizenships } from './Citizenships';
import { ComplianceGrid } from './ComplianceGrid';
import { useCoverageTexts } from '../statistics/Coverage';
import { KeyFigures, regionMembers } from './KeyFigures';
import { formatMonth, monthsUpTo, useDashboard, useRegionMap, type Dashboard } from './model';
import { ReceptionTable } from './ReceptionTable';
import { SeriesChart } from './SeriesChart';
import { Sources } from './Sources';
import { useAddressParams } from '../reports/useAddressParams';

// The map brings ECharts' map chart and visual map: loaded with the page that needs them, not with the app.
const RegionMap = lazy(() => import('./RegionMap').then((m) => ({ default: m.RegionMap })));

/** A part of the dashboard under its heading. */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Section id={id} title={title} gap="sm">
      {children}
    </Section>
  );
}

export function MigrationPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const { params, set } = useAddressParams();
  const asked = params.get('period');
  const figures = usePublishedOnly();
  const dashboard = useDashboard(user, asked, figures.query);
  const map = useRegionMap();
  const data = dashboard.data;
  const period = data?.period ?? null;
  // The month list offers every month with data, newest first, and the month shown even without data.
  const months = data ? [...new Set([...(period ? [period] : []), ...data.periods])].sort().reverse() : [];
  const partnerName = (code: string) => data?.partners.find((p) => p.partner === code)?.name ?? code;
  // The month joins the address's other choices (Published only).
  const choose = (value: string | null) => value && set('period', value);
  const coverage = useCoverageTexts();
  const noRegionArrivals = data && data.region.arrivals === null ? coverage.missing(regionMembers(data).arrivals) : null;

  return (
    <Stack>
      <Title order={2}>{t('migration.title')}</Title>
      <Text>{t(user ? 'migration.introSignedIn' : 'migration.intro')}</Text>
      <Group align="flex-end">
        <Select
          label={t('migration.month')}
          data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
          value={period}
          onChange={choose}
          allowDeselect={false}
          w={220}
          disabled={months.length === 0}
        />
        <PublishedOnlySwitch state={figures} />
        {dashboard.isFetching && data && <Loader size="sm" aria-label={t('migration.loading')} />}
      </Group>
      {(dashboard.error || !data) && <QueryState error={dashboard.error} loading={t('migration.loading')} />}
      {data && !period && <Text>{t('migration.noData')}</Text>}
      {data && period && (
        <DashboardParts user={user} data={data} period={period} map={map} partnerName={partnerName} noRegionArrivals={noRegionArrivals} />
      )}
    </Stack>
  );
}

interface PartsProps {
  user: User | null;
  data: Dashboard;
  period: string;
  map: ReturnType<typeof useRegionMap>;
  partnerName: (code: string) => string;
  /** Why the region has no arrivals figure (too few partners reported), or null when it has one. */
  noRegionArrivals: string | null;
}

/** The dashboard of a month with data: key figures, map, warnings, series, reception, citizenships, compliance, sources. */
function DashboardParts({ user, data, period, map, partnerName, noRegionArrivals }: PartsProps) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-label={t('migration.key.title', { month: formatMonth(period) })}>
        <KeyFigures dashboard={data} />
      </section>
      <Paper withBorder p="md" component="section" aria-labelledby="map-title">
        <ErrorAlert error={map.error} />
        {map.data ? (
          <Suspense fallback={<Loading label={t('migration.loading')} />}>
            <RegionMap map={map.data} partners={data.partners} period={period} />
          </Suspense>
        ) : (
          !map.error && <Loading label={t('migration.loading')} />
        )}
      </Paper>
      {user && (
        <Part id="alerts-title" title={t('migration.alerts.heading')}>
          <AlertFeed user={user} partnerName={partnerName} />
        </Part>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="series-title">
        <SeriesChart series={data.series} partners={data.partners} period={period} />
      </Paper>
      <Part id="reception-title" title={t('migration.reception.title', { month: formatMonth(period) })}>
        <ReceptionTable centres={data.centres} partners={data.partners} period={period} />
      </Part>
      <Part id="citizenships-title" title={t('migration.citizenships.title', { month: formatMonth(period) })}>
        <Citizenships citizenships={data.citizenships} period={period} noRegion={noRegionArrivals} />
      </Part>
      {user && (
        <Part id="compliance-title" title={t('migration.compliance.title')}>
          <ComplianceGrid user={user} partnerName={partnerName} />
        </Part>
      )}
      <Part id="sources-title" title={t('migration.sources.title')}>
        <Muted>{t('migration.sources.intro', { from: formatMonth(monthsUpTo(period, 12)[0] ?? period), to: formatMonth(period) })}</Muted>
        <Sources sources={data.sources} partnerName={partnerName} />
      </Part>
    </>
  );
}
