// Where a sign-in through an identity provider ends when it does not let the person in: what
// happened, and whom to ask (the reason comes from the server in ?reason=).
import { Alert, Anchor, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

const REASONS = ['unknown', 'disabled', 'email_unverified', 'invitation_email', 'invitation_unusable', 'failed', 'unavailable'] as const;

export function AccessRefusedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const given = params.get('reason');
  const reason = REASONS.find((r) => r === given) ?? 'failed';
  const askAdmin = ['unknown', 'disabled', 'email_unverified', 'invitation_email', 'invitation_unusable'].includes(reason);
  return (
    <Center py="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={520}>
        <Stack>
          <Title order={2} size="h2">
            {askAdmin ? t('refused.title') : t('refused.failedTitle')}
          </Title>
          <Alert color={askAdmin ? 'orange' : 'red'} role="alert">
            {t(`refused.${reason}`)}
          </Alert>
          {askAdmin && <Text>{t('refused.askAdmin')}</Text>}
          <Anchor component={Link} to="/sign-in">
            {t('refused.back')}
          </Anchor>
        </Stack>
      </Paper>
    </Center>
  );
}
