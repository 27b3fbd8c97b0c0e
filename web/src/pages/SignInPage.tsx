// Sign-in with e-mail and password; server messages (wrong credentials, too many attempts) are shown as they come.
// Shown in the public shell: on its own page, on the public landing, and in place of a page that needs a signed-in user.
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../platform/feedback';
import { handleSubmit } from '../platform/forms';
import { useSignIn } from '../platform/session';
import { Muted } from '../platform/text';

/** `required`: shown in place of a page that needs a signed-in user. */
export function SignInPage({ required = false }: { required?: boolean }) {
  return (
    <Center py="xl">
      <SignInForm required={required} />
    </Center>
  );
}

export function SignInForm({ required = false }: { required?: boolean }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = handleSubmit(() => signIn.mutate({ email, password }));

  return (
    <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <Stack>
          <Title order={2} size="h2" id="sign-in-title">
            {t('signIn.title')}
          </Title>
          {required && (
            <Alert color="blue" variant="light">
              {t('signIn.required')}
            </Alert>
          )}
          <Muted>{t('signIn.intro')}</Muted>
          <ErrorAlert error={signIn.error} />
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
