// Accepting an invitation: the link's token (in the address's fragment, so no server logs it) shows
// who is invited as what; the person sets a password (and, when the role requires it, a second
// factor) or signs in with an identity provider whose verified e-mail is the invited one.
import { Alert, Badge, Button, Center, Divider, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, type Role, type User } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { formatDateTime } from '../../platform/format';
import { handleSubmit } from '../../platform/forms';
import { QueryState } from '../../platform/QueryState';
import { useSignedIn, type SignInAnswer } from '../../platform/session';
import { Muted } from '../../platform/text';
import { RequiredEnrolment } from './SecondFactor';

interface InvitationDetails {
  email: string;
  name: string;
  role: Role;
  partner: string | null;
  expiresAt: string;
  secondFactorRequired: boolean;
  providers: { id: string; label: string }[];
}

export function InvitationPage({ user }: { user: User | null }) {
  const { t } = useTranslation();
  const [token] = useState(() => decodeURIComponent(window.location.hash.slice(1)));
  const details = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationDetails>('POST', '/invitations/lookup', { token }),
    enabled: token.length > 0 && user === null,
    retry: false,
  });
  return (
    <Center py="xl">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={560}>
        <Stack>
          <Title order={2} size="h2">
            {t('invitation.title')}
          </Title>
          {user ? (
            <Alert color="blue" role="note">
              {t('invitation.signedIn', { email: user.email })}
            </Alert>
          ) : !token ? (
            <Alert color="red" role="alert">
              {t('invitation.noToken')}
            </Alert>
          ) : details.data ? (
            <Accept token={token} invitation={details.data} />
          ) : (
            <QueryState error={details.error} loading={t('app.loading')} />
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

function Accept({ token, invitation }: { token: string; invitation: InvitationDetails }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [name, setName] = useState(invitation.name);
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: () => api<SignInAnswer>('POST', '/invitations/accept', { token, password, name }),
    onSuccess: (answer) => {
      // The link is spent: it should not stay in the address bar or the history.
      window.history.replaceState(null, '', '/invitation');
      if ('user' in answer) {
        signedIn(answer);
        navigate('/', { replace: true });
      }
    },
  });
  const viaProvider = useMutation({
    mutationFn: (provider: string) =>
      api<{ location: string }>('POST', `/auth/oidc/${encodeURIComponent(provider)}/start`, { invitation: token, returnTo: '/' }),
    onSuccess: ({ location }) => window.location.assign(location),
  });
  if (accept.data && 'secondFactor' in accept.data) {
    return (
      <RequiredEnrolment
        onSignedIn={(me) => {
          signedIn(me);
          navigate('/', { replace: true });
        }}
      />
    );
  }
  return (
    <Stack>
      <Text>{t('invitation.intro', { email: invitation.email })}</Text>
      <Group gap="xs">
        <Badge variant="light">{t(`roles.${invitation.role}`)}</Badge>
        {invitation.partner && <Badge variant="outline">{invitation.partner}</Badge>}
      </Group>
      <Muted>{t('invitation.expires', { date: formatDateTime(invitation.expiresAt) })}</Muted>
      <form onSubmit={handleSubmit(() => accept.mutate())} aria-label={t('invitation.passwordTitle')}>
        <Stack>
          <ErrorAlert error={accept.error} />
          <TextInput label={t('invitation.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <PasswordInput
            label={t('invitation.password')}
            description={t('invitation.passwordHelp')}
            autoComplete="new-password"
            required
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {invitation.secondFactorRequired && <Muted>{t('invitation.secondFactorNext')}</Muted>}
          <Button type="submit" loading={accept.isPending}>
            {t('invitation.accept')}
          </Button>
        </Stack>
      </form>
      {invitation.providers.length > 0 && (
        <Stack gap="xs">
          <Divider label={t('signIn.or')} labelPosition="center" />
          <ErrorAlert error={viaProvider.error} />
          {invitation.providers.map((p) => (
            <Button key={p.id} variant="default" loading={viaProvider.isPending} onClick={() => viaProvider.mutate(p.id)}>
              {p.label}
            </Button>
          ))}
          <Muted>{t('invitation.providerHelp', { email: invitation.email })}</Muted>
        </Stack>
      )}
    </Stack>
  );
}
