// User administration for admins: create, change role and partner, disable/enable, reset password,
// reset a lost second factor (invitations have their own page).
import { Badge, Button, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Role, type User } from '../platform/api';
import { DataTable } from '../platform/DataTable';
import { AccessFields, accessPayload, type Access } from './account/AccessFields';
import { ErrorAlert, SuccessAlert } from '../platform/feedback';
import { DialogButtons, handleSubmit } from '../platform/forms';

const ROLES: Role[] = ['admin', 'commission', 'reviewer', 'coordinator'];
/** The domains a reviewer can be limited to (the server checks them against the catalogue). */

type Dialog =
  { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'password'; user: User } | { kind: 'secondFactor'; user: User } | null;

export function UsersPage({ currentUser }: { currentUser: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => api<{ users: User[] }>('GET', '/users') });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (u: User) => api<User>('PATCH', `/users/${u.id}`, { disabled: !u.disabled }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });

  const done = (message: string) => {
    setDialog(null);
    setNotice(message);
    void client.invalidateQueries({ queryKey: ['users'] });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button onClick={() => setDialog({ kind: 'create' })}>{t('users.add')}</Button>
      </Group>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <ErrorAlert error={users.error ?? toggle.error} />
      <DataTable
        minWidth={640}
        striped
        highlightOnHover
        unscoped
        columns={(['email', 'name', 'role', 'scope', 'status', 'actions'] as const).map((c) => t(`users.${c}`))}
      >
        {(users.data?.users ?? []).map((u) => (
          <UserRow key={u.id} user={u} currentUser={currentUser} onDialog={setDialog} onToggle={() => toggle.mutate(u)} />
        ))}
      </DataTable>
      <UserDialogs dialog={dialog} onDone={done} onClose={() => setDialog(null)} />
    </Stack>
  );
}

interface RowProps {
  user: User;
  currentUser: User;
  onDialog: (dialog: Dialog) => void;
  onToggle: () => void;
}

/** A user with their role, scope and status, and the actions on them (none that would lock admins out of their own account). */
function UserRow({ user: u, currentUser, onDialog, onToggle }: RowProps) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>{u.email}</Table.Td>
      <Table.Td>{u.name}</Table.Td>
      <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
      <Table.Td>{u.partner ?? (u.domains ? u.domains.map((d) => t(`users.domain.${d}`)).join(', ') : '—')}</Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge color={u.disabled ? 'gray' : 'green'} variant="light" miw={80}>
            {u.disabled ? t('users.disabled') : t('users.active')}
          </Badge>
          {u.secondFactor && (
            <Badge color="blue" variant="outline" title={t('users.secondFactorOn')}>
              {t('users.secondFactorBadge')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <UserAction user={u} label={t('users.edit')} onClick={() => onDialog({ kind: 'edit', user: u })} />
          <UserAction user={u} label={t('users.resetPassword')} onClick={() => onDialog({ kind: 'password', user: u })} />
          {u.secondFactor && u.id !== currentUser.id && (
            <UserAction user={u} label={t('users.resetSecondFactor')} onClick={() => onDialog({ kind: 'secondFactor', user: u })} />
          )}
          {u.id !== currentUser.id && (
            <UserAction
              user={u}
              label={u.disabled ? t('users.enable') : t('users.disable')}
              color={u.disabled ? 'green' : 'red'}
              onClick={onToggle}
            />
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** The dialogs of the page: create or edit a user, reset a password, reset a second factor. */
function UserDialogs({ dialog, onDone, onClose }: { dialog: Dialog; onDone: (message: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Modal
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        onClose={onClose}
        title={dialog?.kind === 'edit' ? `${t('users.edit')} ${dialog.user.email}` : t('users.add')}
      >
        {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
          <UserForm
            key={dialog.kind === 'edit' ? dialog.user.id : 'new'}
            user={dialog.kind === 'edit' ? dialog.user : null}
            onDone={() => onDone(dialog.kind === 'edit' ? t('users.saved') : t('users.created'))}
            onCancel={onClose}
          />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'password'}
        onClose={onClose}
        title={dialog?.kind === 'password' ? `${t('users.resetPassword')}: ${dialog.user.email}` : ''}
      >
        {dialog?.kind === 'password' && (
          <PasswordForm user={dialog.user} onDone={() => onDone(t('users.passwordReset'))} onCancel={onClose} />
        )}
      </Modal>
      <Modal
        opened={dialog?.kind === 'secondFactor'}
        onClose={onClose}
        title={dialog?.kind === 'secondFactor' ? `${t('users.resetSecondFactor')}: ${dialog.user.email}` : ''}
      >
        {dialog?.kind === 'secondFactor' && (
          <SecondFactorReset user={dialog.user} onDone={() => onDone(t('users.secondFactorReset'))} onCancel={onClose} />
        )}
      </Modal>
    </>
  );
}

/** A button of a user's row, named with the user's e-mail for screen readers ("Edit ana@example.org"). */
function UserAction({ user, label, color, onClick }: { user: User; label: string; color?: string; onClick: () => void }) {
  return (
    <Button size="xs" variant="light" color={color} onClick={onClick} aria-label={`${label} ${user.email}`}>
      {label}
    </Button>
  );
}

function UserForm({ user, onDone, onCancel }: { user: User | null; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [access, setAccess] = useState<Access>({
    role: user?.role ?? 'coordinator',
    partner: user?.partner ?? null,
    domains: user?.domains ?? [],
  });
  const [password, setPassword] = useState('');
  const save = useMutation({
    mutationFn: () =>
      user
        ? api<User>('PATCH', `/users/${user.id}`, { name, ...accessPayload(access) })
        : api<User>('POST', '/users', { email, name, ...accessPayload(access), password }),
    onSuccess: onDone,
  });
  return (
    <form onSubmit={handleSubmit(() => save.mutate())}>
      <Stack>
        <ErrorAlert error={save.error} />
        {!user && (
          <TextInput label={t('users.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        )}
        <TextInput label={t('users.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <AccessFields roles={ROLES} access={access} onChange={setAccess} />
        {!user && (
          <PasswordInput
            label={t('users.password')}
            required
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
        )}
        <DialogButtons cancel={t('users.cancel')} onCancel={onCancel} loading={save.isPending}>
          {t('users.save')}
        </DialogButtons>
      </Stack>
    </form>
  );
}

function PasswordForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const reset = useMutation({ mutationFn: () => api<void>('POST', `/users/${user.id}/password`, { password }), onSuccess: onDone });
  return (
    <form onSubmit={handleSubmit(() => reset.mutate())}>
      <Stack>
        <ErrorAlert error={reset.error} />
        <PasswordInput
          label={t('users.newPassword')}
          required
          minLength={12}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <DialogButtons cancel={t('users.cancel')} onCancel={onCancel} loading={reset.isPending}>
          {t('users.save')}
        </DialogButtons>
      </Stack>
    </form>
  );
}

/** Confirms the reset of a user's lost second factor (audited; the user sets up a new one). */
function SecondFactorReset({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reset = useMutation({ mutationFn: () => api<void>('POST', `/users/${user.id}/second-factor/reset`), onSuccess: onDone });
  return (
    <form onSubmit={handleSubmit(() => reset.mutate())}>
      <Stack>
        <ErrorAlert error={reset.error} />
        <Text size="sm">{t('users.secondFactorResetText', { email: user.email })}</Text>
        <DialogButtons cancel={t('users.cancel')} onCancel={onCancel} loading={reset.isPending} color="red">
          {t('users.resetSecondFactor')}
        </DialogButtons>
      </Stack>
    </form>
  );
}
