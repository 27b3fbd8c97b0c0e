// Sign-in with e-mail and password; server messages (wrong credentials, too many attempts) are shown as they come.
// Shown in the public shell: on its own page, on the public landing, and in place of a page that needs a signed-in user.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSignIn } from '../platform/session';

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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

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
          <Text size="sm" c="dimmed">
            {t('signIn.intro')}
          </Text>
          {signIn.error && (
            <Alert color="red" role="alert">
              {signIn.error.message}
            </Alert>
          )}
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
