// The signed-in user's own account: who they are, how they sign in (password, second factor,
// linked identity providers), setting up or removing the second factor, new recovery codes, and
// how notifications arrive by e-mail (each, a daily digest, none).
import { Badge, Button, Group, Modal, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type User } from '../../platform/api';
import { DataTable } from '../../platform/DataTable';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { Instant } from '../../platform/Instant';
import { QueryState } from '../../platform/QueryState';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { CodeField, EnrolmentSteps, RecoveryCodes, type Enrolment } from './SecondFactor';

interface SignInDetails {
  password: boolean;
  secondFactor: { enabled: boolean; required: boolean; recoveryCodesLeft: number };
  identities: { provider: string; issuer: string; email: string | null; linkedAt: string; lastSignInAt: string | null }[];
}

type Dialog = 'setup' | 'codes' | 'remove' | null;
type EmailPreference = 'each' | 'daily' | 'none';

/** How notifications arrive by e-mail; saved as soon as it is chosen. */
function EmailPreferenceChoice() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['me', 'email-preference'],
    queryFn: () => api<{ emailPreference: EmailPreference }>('GET', '/me/email-preference'),
  });
  const save = useMutation({
    mutationFn: (emailPreference: EmailPreference) =>
      api<{ emailPreference: EmailPreference }>('PUT', '/me/email-preference', { emailPreference }),
    onSuccess: (answer) => client.setQueryData(['me', 'email-preference'], answer),
    onError: () => setChosen(null),
  });
  // The choice shows at once; a refusal puts back what is stored.
  const [chosen, setChosen] = useState<EmailPreference | null>(null);
  return (
    <Section id="email-preference-title" title={t('account.email.title')} gap="sm">
      <ErrorAlert error={current.error ?? save.error} />
      {current.data && (
        <Radio.Group
          label={t('account.email.label')}
          value={chosen ?? current.data.emailPreference}
          onChange={(v) => {
            setChosen(v as EmailPreference);
            save.mutate(v as EmailPreference);
          }}
        >
          <Stack gap="xs" mt="xs">
            {(['each', 'daily', 'none'] as const).map((p) => (
              <Radio key={p} value={p} label={t(`account.email.${p}`)} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {save.isSuccess && <SuccessAlert onClose={() => save.reset()}>{t('account.email.saved')}</SuccessAlert>}
    </Section>
  );
}

export function AccountPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const details = useQuery({ queryKey: ['me', 'sign-in'], queryFn: () => api<SignInDetails>('GET', '/me/sign-in') });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string | null) => {
    setDialog(null);
    setNotice(message);
    void client.invalidateQueries({ queryKey: ['me', 'sign-in'] });
  };
  const factor = details.data?.secondFactor;
  return (
    <Stack>
      <Title order={2}>{t('account.title')}</Title>
      <Group gap="xs">
        <Text fw={700}>{user.name}</Text>
        <Text c="dimmed">{user.email}</Text>
        <Badge variant="light">{t(`roles.${user.role}`)}</Badge>
        {user.partner && <Badge variant="outline">{user.partner}</Badge>}
      </Group>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <EmailPreferenceChoice />
      {!details.data || !factor ? (
        <QueryState error={details.error} loading={t('app.loading')} />
      ) : (
        <>
          <SecondFactorSection details={details.data} onDialog={setDialog} />
          <IdentitiesSection identities={details.data.identities} />
        </>
      )}
      <SecondFactorDialogs dialog={dialog} onDone={done} />
    </Stack>
  );
}

/** Whether the second factor is on (and required), the recovery codes left, and what can be done about it. */
function SecondFactorSection({ details, onDialog }: { details: SignInDetails; onDialog: (dialog: Dialog) => void }) {
  const { t } = useTranslation();
  const factor = details.secondFactor;
  return (
    <Section id="second-factor-title" title={t('account.secondFactor')} gap="sm">
      <Stack>
        <Group gap="xs">
          <Badge color={factor.enabled ? 'green' : factor.required ? 'red' : 'gray'} variant="light">
            {factor.enabled ? t('account.enabled') : t('account.notEnabled')}
          </Badge>
          {factor.required && <Muted>{t('account.required')}</Muted>}
        </Group>
        {!details.password && <Muted>{t('account.noPassword')}</Muted>}
        {factor.enabled && <Text size="sm">{t('account.codesLeft', { count: factor.recoveryCodesLeft })}</Text>}
        <Group>
          {!factor.enabled && details.password && <Button onClick={() => onDialog('setup')}>{t('account.setUp')}</Button>}
          {factor.enabled && (
            <Button variant="light" onClick={() => onDialog('codes')}>
              {t('account.newCodes')}
            </Button>
          )}
          {factor.enabled && !factor.required && (
            <Button variant="light" color="red" onClick={() => onDialog('remove')}>
              {t('account.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Section>
  );
}

/** The identity providers linked to the account, when linked and last used. */
function IdentitiesSection({ identities }: { identities: SignInDetails['identities'] }) {
  const { t } = useTranslation();
  return (
    <Section id="identities-title" title={t('account.identities')} gap="sm">
      <DataTable
        columns={[t('account.provider'), t('account.providerEmail'), t('account.linked'), t('account.lastUsed')]}
        empty={identities.length === 0 && t('account.noIdentities')}
      >
        {identities.map((i) => (
          <Table.Tr key={`${i.issuer} ${i.linkedAt}`}>
            <Table.Td>{i.provider}</Table.Td>
            <Table.Td>{i.email ?? '—'}</Table.Td>
            <Table.Td>
              <Instant iso={i.linkedAt} />
            </Table.Td>
            <Table.Td>
              <Instant iso={i.lastSignInAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}

/** The dialogs of the second factor: set it up, new recovery codes, remove it. Closing one counts as done without a notice. */
function SecondFactorDialogs({ dialog, onDone }: { dialog: Dialog; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Modal opened={dialog === 'setup'} onClose={() => onDone(null)} title={t('secondFactor.setupTitle')} size="lg">
        {dialog === 'setup' && (
          <EnrolmentSteps
            start={() => api<Enrolment>('POST', '/me/second-factor/enrolment')}
            confirm={(code) => api<{ recoveryCodes: string[] }>('POST', '/me/second-factor/confirm', { code })}
            onDone={() => onDone(t('account.setUpDone'))}
            done={t('secondFactor.saved')}
          />
        )}
      </Modal>
      <Modal opened={dialog === 'codes'} onClose={() => onDone(null)} title={t('account.newCodes')}>
        {dialog === 'codes' && <WithCode path="/me/second-factor/recovery-codes" onDone={onDone} />}
      </Modal>
      <Modal opened={dialog === 'remove'} onClose={() => onDone(null)} title={t('account.remove')}>
        {dialog === 'remove' && <WithCode path="/me/second-factor/remove" onDone={onDone} />}
      </Modal>
    </>
  );
}

/** A change that needs a current code: new recovery codes (shown once) or removing the second factor. */
function WithCode({ path, onDone }: { path: string; onDone: (message: string | null) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const send = useMutation({
    mutationFn: () => api<{ recoveryCodes: string[] } | undefined>('POST', path, { code }),
    onSuccess: (answer) => {
      if (!answer) onDone(t('account.removed'));
    },
  });
  if (send.data?.recoveryCodes) {
    return (
      <RecoveryCodes codes={send.data.recoveryCodes} done={t('secondFactor.saved')} onDone={() => onDone(t('account.codesRenewed'))} />
    );
  }
  return (
    <form onSubmit={handleSubmit(() => send.mutate())}>
      <Stack>
        <Muted>{t('account.codeNeeded')}</Muted>
        <ErrorAlert error={send.error} />
        <CodeField value={code} onChange={setCode} />
        <DialogButtons cancel={t('users.cancel')} onCancel={() => onDone(null)} loading={send.isPending}>
          {t('secondFactor.verify')}
        </DialogButtons>
      </Stack>
    </form>
  );
}
