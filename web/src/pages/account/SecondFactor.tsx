// The pieces of two-factor authentication the sign-in, the invitation and the account pages share:
// the code step, the set-up (QR code, secret, first code) and the recovery codes shown once.
import { Alert, Anchor, Button, Code, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import type { Me } from '../../platform/session';
import { Muted } from '../../platform/text';

export interface Enrolment {
  secret: string;
  uri: string;
  qrCode: string;
}

/** The field of a 6-digit code (or a recovery code when `recovery`). */
export function CodeField({ value, onChange, recovery = false }: { value: string; onChange: (v: string) => void; recovery?: boolean }) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={recovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
      description={recovery ? undefined : t('secondFactor.codeHelp')}
      required
      autoComplete="one-time-code"
      inputMode={recovery ? 'text' : 'numeric'}
      maxLength={recovery ? 40 : 7}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** The second step of a password sign-in: the app's code, or one of the recovery codes. */
export function SecondFactorStep({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const send = useMutation({ mutationFn: () => api<Me>('POST', '/auth/second-factor', { code }), onSuccess: onSignedIn });
  return (
    <form onSubmit={handleSubmit(() => send.mutate())} aria-labelledby="second-factor-title">
      <Stack>
        <Title order={2} size="h3" id="second-factor-title">
          {t('secondFactor.title')}
        </Title>
        <Muted>{recovery ? t('secondFactor.recoveryIntro') : t('secondFactor.intro')}</Muted>
        <ErrorAlert error={send.error} />
        <CodeField value={code} onChange={setCode} recovery={recovery} />
        <SubmitButton loading={send.isPending}>{t('secondFactor.verify')}</SubmitButton>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
          }}
        >
          {recovery ? t('secondFactor.useApp') : t('secondFactor.useRecovery')}
        </Anchor>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown once, with what to do with them. */
export function RecoveryCodes({ codes, onDone, done }: { codes: string[]; onDone: () => void; done: string }) {
  const { t } = useTranslation();
  return (
    <Stack aria-labelledby="recovery-codes-title">
      <Title order={3} size="h4" id="recovery-codes-title">
        {t('secondFactor.codesTitle')}
      </Title>
      <Alert color="yellow" role="note">
        {t('secondFactor.codesIntro')}
      </Alert>
      <List aria-label={t('secondFactor.codesTitle')} listStyleType="none" spacing={2}>
        {codes.map((c) => (
          <List.Item key={c}>
            <Code>{c}</Code>
          </List.Item>
        ))}
      </List>
      <Group>
        <Button onClick={onDone}>{done}</Button>
      </Group>
    </Stack>
  );
}

/**
 * Setting up TOTP: `start` makes a secret (QR code and text), `confirm` checks a first code and
 * answers the recovery codes; `onDone` follows once the user has seen them.
 */
export function EnrolmentSteps<R extends { recoveryCodes: string[] }>({
  start,
  confirm,
  onDone,
  done,
}: {
  start: () => Promise<Enrolment>;
  confirm: (code: string) => Promise<R>;
  onDone: (result: R) => void;
  /** The label of the button under the recovery codes. */
  done: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const begin = useMutation({ mutationFn: start });
  const finish = useMutation({ mutationFn: () => confirm(code) });
  const result = finish.data;
  if (result) return <RecoveryCodes codes={result.recoveryCodes} done={done} onDone={() => onDone(result)} />;
  if (!begin.data) {
    return (
      <Stack>
        <Muted>{t('secondFactor.setupIntro')}</Muted>
        <ErrorAlert error={begin.error} />
        <Group>
          <Button onClick={() => begin.mutate()} loading={begin.isPending}>
            {t('secondFactor.setupStart')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const secret = begin.data.secret.match(/.{1,4}/g)!.join(' ');
  return (
    <form onSubmit={handleSubmit(() => finish.mutate())} aria-label={t('secondFactor.setupTitle')}>
      <Stack>
        <Text size="sm">{t('secondFactor.scan')}</Text>
        <Image src={begin.data.qrCode} alt={t('secondFactor.qrAlt')} w={200} h={200} />
        <Text size="sm">
          {t('secondFactor.orType')} <Code aria-label={t('secondFactor.secret')}>{secret}</Code>
        </Text>
        <ErrorAlert error={finish.error} />
        <CodeField value={code} onChange={setCode} />
        <SubmitButton loading={finish.isPending}>{t('secondFactor.confirm')}</SubmitButton>
      </Stack>
    </form>
  );
}

/** The set-up a sign-in needs before anything else (a role that requires a second factor). */
export function RequiredEnrolment({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  return (
    <Stack aria-labelledby="enrol-title">
      <Title order={2} size="h3" id="enrol-title">
        {t('secondFactor.requiredTitle')}
      </Title>
      <Alert color="blue" variant="light" role="note">
        {t('secondFactor.requiredIntro')}
      </Alert>
      <EnrolmentSteps
        start={() => api<Enrolment>('POST', '/auth/second-factor/enrolment')}
        confirm={(code) => api<Me & { recoveryCodes: string[] }>('POST', '/auth/second-factor/enrolment/confirm', { code })}
        onDone={(me) => onSignedIn({ user: me.user, csrfToken: me.csrfToken })}
        done={t('secondFactor.continue')}
      />
    </Stack>
  );
}
