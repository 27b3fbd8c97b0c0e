// Invitations for admins (any role) and the Commission (national coordinators): invite by e-mail
// with role and partner, see who accepted, withdraw a pending link. When the e-mail cannot be sent
// the link is shown once, to hand over.
import { Badge, Button, Code, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Role, type User } from '../../platform/api';
import { DataTable } from '../../platform/DataTable';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { DialogButtons, handleSubmit } from '../../platform/forms';
import { Instant } from '../../platform/Instant';
import { Muted } from '../../platform/text';
import { AccessFields, accessPayload, type Access } from './AccessFields';

interface Invitation {
  id: string;
  email: string;
  name: string;
  role: Role;
  partner: string | null;
  status: 'pending' | 'used' | 'revoked' | 'expired';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  emailedAt: string | null;
}

interface Created {
  invitation: Invitation;
  emailed: boolean;
  link: string | null;
}

const STATUS_COLOR = { pending: 'blue', used: 'green', revoked: 'gray', expired: 'orange' } as const;

export function InvitationsPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => api<{ invitations: Invitation[] }>('GET', '/invitations') });
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const revoke = useMutation({
    mutationFn: (i: Invitation) => api<Invitation>('POST', `/invitations/${i.id}/revoke`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invitations'] }),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('invitations.title')}</Title>
        <Button
          onClick={() => {
            setCreated(null);
            setOpen(true);
          }}
        >
          {t('invitations.invite')}
        </Button>
      </Group>
      {user.role === 'commission' && <Muted>{t('invitations.commissionNote')}</Muted>}
      {created && <CreatedNotice created={created} onClose={() => setCreated(null)} />}
      <ErrorAlert error={invitations.error ?? revoke.error} />
      <DataTable
        minWidth={720}
        striped
        unscoped
        columns={(['email', 'role', 'partner', 'status', 'by', 'expires', 'actions'] as const).map((c) => t(`invitations.${c}`))}
        empty={invitations.data?.invitations.length === 0 && t('invitations.empty')}
      >
        {(invitations.data?.invitations ?? []).map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td>{i.email}</Table.Td>
            <Table.Td>{t(`roles.${i.role}`)}</Table.Td>
            <Table.Td>{i.partner ?? '—'}</Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOR[i.status]} variant="light">
                {t(`invitations.statuses.${i.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{i.createdBy}</Table.Td>
            <Table.Td>
              <Instant iso={i.expiresAt} />
            </Table.Td>
            <Table.Td>
              {i.status === 'pending' && (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  aria-label={`${t('invitations.withdraw')} ${i.email}`}
                  onClick={() => revoke.mutate(i)}
                >
                  {t('invitations.withdraw')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('invitations.invite')}>
        {open && (
          <InviteForm
            inviter={user}
            onCancel={() => setOpen(false)}
            onDone={(result) => {
              setOpen(false);
              setCreated(result);
              void client.invalidateQueries({ queryKey: ['invitations'] });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CreatedNotice({ created, onClose }: { created: Created; onClose: () => void }) {
  const { t } = useTranslation();
  if (created.emailed)
    return <SuccessAlert onClose={onClose}>{t('invitations.emailed', { email: created.invitation.email })}</SuccessAlert>;
  return (
    <SuccessAlert onClose={onClose}>
      <Stack gap="xs">
        <Text size="sm">{t('invitations.notEmailed', { email: created.invitation.email })}</Text>
        <Code block aria-label={t('invitations.link')}>
          {created.link}
        </Code>
      </Stack>
    </SuccessAlert>
  );
}

function InviteForm({ inviter, onDone, onCancel }: { inviter: User; onDone: (c: Created) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const roles: Role[] = inviter.role === 'admin' ? ['admin', 'commission', 'reviewer', 'coordinator'] : ['coordinator'];
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [access, setAccess] = useState<Access>({ role: 'coordinator', partner: null, domains: [] });
  const send = useMutation({
    mutationFn: () => api<Created>('POST', '/invitations', { email, name, ...accessPayload(access) }),
    onSuccess: onDone,
  });
  return (
    <form onSubmit={handleSubmit(() => send.mutate())}>
      <Stack>
        <ErrorAlert error={send.error} />
        <TextInput label={t('users.email')} type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
        <TextInput label={t('users.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <AccessFields roles={roles} access={access} onChange={setAccess} />
        <Muted>{t('invitations.formHelp')}</Muted>
        <DialogButtons cancel={t('users.cancel')} onCancel={onCancel} loading={send.isPending}>
          {t('invitations.send')}
        </DialogButtons>
      </Stack>
    </form>
  );
}
