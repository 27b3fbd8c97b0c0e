// Sign-in with e-mail and password (then the second factor, or its set-up when the role requires
// one), or with an identity provider (one button each); server messages (wrong credentials, too
// many attempts) are shown as they come. Shown in the public shell: on its own page, on the public
// landing, and in place of a page that needs a signed-in user.
import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { ErrorAlert } from '../platform/feedback';
import { handleSubmit } from '../platform/forms';
import { useProviders, useSignedIn, useSignIn } from '../platform/session';
import { Muted } from '../platform/text';
import { RequiredEnrolment, SecondFactorStep } from './account/SecondFactor';

/** `required`: shown in place of a page that needs a signed-in user. */
export function SignInPage({ required = false }: { required?: boolean }) {
  return (
    <Center py="xl">
      <SignInForm required={required} />
    </Center>
  );
}

/** The buttons of the identity providers; each starts the provider's sign-in and comes back to `returnTo`. */
export function ProviderButtons({ returnTo }: { returnTo: string }) {
  const { t } = useTranslation();
  const providers = useProviders();
  if (providers.length === 0) return null;
  return (
    <Stack gap="xs">
      <Divider label={t('signIn.or')} labelPosition="center" />
      {providers.map((p) => (
        <Button
          key={p.id}
          component="a"
          variant="default"
          href={`/api/v1/auth/oidc/${encodeURIComponent(p.id)}/start?returnTo=${encodeURIComponent(returnTo)}`}
        >
          {p.label}
        </Button>
      ))}
    </Stack>
  );
}

export function SignInForm({ required = false }: { required?: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const signIn = useSignIn();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const due = signIn.data && 'secondFactor' in signIn.data ? signIn.data.secondFactor : null;
  const returnTo = location.pathname === '/sign-in' ? '/' : location.pathname + location.search;

  const submit = handleSubmit(() => signIn.mutate({ email, password }));

  return (
    <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={due === 'enrol' ? 560 : 420}>
      {due === 'totp' ? (
        <SecondFactorStep onSignedIn={signedIn} />
      ) : due === 'enrol' ? (
        <RequiredEnrolment onSignedIn={signedIn} />
      ) : (
        <Stack>
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
          <ProviderButtons returnTo={returnTo} />
        </Stack>
      )}
    </Paper>
  );
}
