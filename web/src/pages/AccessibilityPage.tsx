// The accessibility statement: the standard the app aims at, how that is checked, what is known not
// to meet it, and whom to tell. Open to everyone, linked from the foot of every page.
import { List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={2}>{t('a11y.title')}</Title>
      <Text>{t('a11y.intro')}</Text>
      <Stack component="section" aria-labelledby="a11y-target" gap="xs">
        <Title order={3} size="h4" id="a11y-target">
          {t('a11y.targetTitle')}
        </Title>
        <Text>{t('a11y.target')}</Text>
      </Stack>
      <Stack component="section" aria-labelledby="a11y-checks" gap="xs">
        <Title order={3} size="h4" id="a11y-checks">
          {t('a11y.checksTitle')}
        </Title>
        <Text>{t('a11y.checks')}</Text>
        <Text>{t('a11y.manual')}</Text>
      </Stack>
      <Stack component="section" aria-labelledby="a11y-limits" gap="xs">
        <Title order={3} size="h4" id="a11y-limits">
          {t('a11y.limitsTitle')}
        </Title>
        <List>
          <List.Item>{t('a11y.limits.charts')}</List.Item>
          <List.Item>{t('a11y.limits.documents')}</List.Item>
          <List.Item>{t('a11y.limits.languages')}</List.Item>
        </List>
      </Stack>
      <Stack component="section" aria-labelledby="a11y-contact" gap="xs">
        <Title order={3} size="h4" id="a11y-contact">
          {t('a11y.contactTitle')}
        </Title>
        <Text>
          {t('a11y.contact')} {t('a11y.contactAfter')}
        </Text>
      </Stack>
    </Stack>
  );
}
