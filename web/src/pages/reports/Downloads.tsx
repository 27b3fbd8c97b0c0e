// The downloads of an indicator page: the current view (its period, breakdown, date and labels) and
// the whole indicator (every period, totals), each as CSV, XLSX and SDMX-CSV, straight from the API
// with the same query, so that a download holds exactly what the page shows.
import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../platform/Section';
import { DOWNLOAD_FORMATS, downloadHref, type DownloadFormat, type IndicatorView } from './model';
import { LicenceNote, Note } from './Notes';

interface Props {
  code: string;
  view: IndicatorView;
  /** The period the view shows. */
  period: string | undefined;
  /** The view in words ('2021, Civil litigious'). */
  described: string;
  /** `publishedOnly` for signed-in users reading published figures only. */
  read: Record<string, string>;
}

function Links({ hrefOf, what }: { hrefOf: (f: DownloadFormat) => string; what: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      {DOWNLOAD_FORMATS.map((f) => (
        <Anchor
          key={f}
          href={hrefOf(f)}
          download
          size="sm"
          aria-label={t('portal.downloads.linkLabel', { format: t(`portal.downloads.${f}`), what })}
        >
          {t(`portal.downloads.${f}`)}
        </Anchor>
      ))}
    </Group>
  );
}

export function Downloads({ code, view, period, described, read }: Props) {
  const { t } = useTranslation();
  const current = t('portal.downloads.currentOf', { view: described });
  const whole = t('portal.downloads.whole');
  return (
    <Section id="indicator-downloads" title={t('portal.downloads.title')} gap="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {current}
          </Text>
          <Links
            what={current}
            hrefOf={(f) => downloadHref(code, f, { period, breakdown: view.breakdown, asOf: view.asOf, labels: view.labels, read })}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={700}>
            {whole}
          </Text>
          <Links what={whole} hrefOf={(f) => downloadHref(code, f, { asOf: view.asOf, labels: view.labels, read })} />
        </Stack>
      </SimpleGrid>
      <Note>{t('portal.downloads.note')}</Note>
      <LicenceNote />
    </Section>
  );
}
