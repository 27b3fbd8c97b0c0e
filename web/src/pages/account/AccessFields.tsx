// What a person may do, as the user form and the invitation form ask it: the role, and with it the
// partner of a coordinator (waiting for the partner list: typing before it came would find nothing)
// or the domains of a reviewer.
import { MultiSelect, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, type Role } from '../../platform/api';
import { usePartners } from '../statistics/model';

/** The domains a reviewer may be given, as the server knows them (every catalogue's, and commitments). */
function useReviewDomains(asked: boolean) {
  return useQuery({
    queryKey: ['review-domains'],
    queryFn: () => api<{ domains: string[] }>('GET', '/review-domains'),
    enabled: asked,
    staleTime: 10 * 60_000,
  });
}

export interface Access {
  role: Role;
  partner: string | null;
  domains: string[];
}

/** The access as the API takes it: a partner only for a coordinator, domains only for a reviewer. */
export function accessPayload({ role, partner, domains }: Access): Access {
  return { role, partner: role === 'coordinator' ? partner : null, domains: role === 'reviewer' ? domains : [] };
}

export function AccessFields({ roles, access, onChange }: { roles: readonly Role[]; access: Access; onChange: (next: Access) => void }) {
  const { t } = useTranslation();
  const partners = usePartners();
  const domains = useReviewDomains(access.role === 'reviewer');
  const partnerOptions = (partners.data?.partners ?? [])
    .filter((p) => p.code !== 'EU')
    .map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }));
  return (
    <>
      <Select
        label={t('users.role')}
        data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={access.role}
        onChange={(v) => v && onChange({ ...access, role: v as Role })}
        allowDeselect={false}
      />
      {access.role === 'coordinator' && (
        <Select
          label={t('users.partner')}
          placeholder={partnerOptions.length ? t('users.choosePartner') : t('app.loading')}
          disabled={partnerOptions.length === 0}
          data={partnerOptions}
          value={access.partner}
          onChange={(partner) => onChange({ ...access, partner })}
          searchable
          required
        />
      )}
      {access.role === 'reviewer' && (
        <MultiSelect
          label={t('users.domains')}
          description={t('users.domainsHelp')}
          data={(domains.data?.domains ?? []).map((d) => ({
            value: d,
            label: t([`users.domain.${d}`, `domains.${d}`], { defaultValue: d }),
          }))}
          value={access.domains}
          onChange={(domains) => onChange({ ...access, domains })}
          clearable
        />
      )}
    </>
  );
}
