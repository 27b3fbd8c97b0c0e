// The public landing for anonymous visitors: what the platform is, the public pages (justice
// scoreboard, indicators), and the sign-in form for the people who work with the data.
import { Anchor, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Muted } from '../platform/text';
import { SignInForm } from './SignInPage';

export function PublicHomePage() {
  const { t } = useTranslation();
  const pages = [
    { to: '/data', title: t('publicHome.data'), text: t('publicHome.dataText') },
    { to: '/justice', title: t('publicHome.scoreboard'), text: t('publicHome.scoreboardText') },
    { to: '/indicators', title: t('publicHome.indicators'), text: t('publicHome.indicatorsText') },
  ];
  return (
    <Grid gap="xl">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          <Title order={2}>{t('publicHome.title')}</Title>
          <Text>{t('publicHome.intro')}</Text>
          {pages.map((p) => (
            <Card key={p.to} withBorder padding="md" component="section" aria-label={p.title}>
              <Anchor component={Link} to={p.to} fw={700} size="lg">
                {p.title}
              </Anchor>
              <Text size="sm" mt={4}>
                {p.text}
              </Text>
            </Card>
          ))}
          <Muted>{t('publicHome.published')}</Muted>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <SignInForm />
      </Grid.Col>
    </Grid>
  );
}
