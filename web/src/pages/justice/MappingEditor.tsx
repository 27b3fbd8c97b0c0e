// The partner's column mapping for case imports, edited as YAML: which columns of the national
// export hold the case id, court, case type, instance and dates, the date format, and how national
// case types map to CEPEJ categories. The server checks it and names the wrong line.
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { ErrorAlert, SuccessAlert } from '../../platform/feedback';
import { handleSubmit } from '../../platform/forms';
import { Section } from '../../platform/Section';
import { Muted } from '../../platform/text';
import { formatDateTime } from '../statistics/model';
import type { Mapping } from './model';

export function MappingEditor({ partner }: { partner: string }) {
  const { t } = useTranslation();
  const mapping = useQuery({
    queryKey: ['justice-mapping', partner],
    queryFn: () => api<Mapping>('GET', `/justice/mappings/${encodeURIComponent(partner)}`),
  });
  return (
    <Section id="mapping-title" title={t('mapping.title', { partner })} gap="sm">
      <Text size="sm">{t('mapping.intro')}</Text>
      <ErrorAlert error={mapping.error} />
      {mapping.data && <MappingForm key={partner} mapping={mapping.data} />}
    </Section>
  );
}

function MappingForm({ mapping }: { mapping: Mapping }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [yaml, setYaml] = useState(mapping.yaml ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api<Mapping>('PUT', `/justice/mappings/${encodeURIComponent(mapping.partner)}`, { yaml }),
    onMutate: () => setSaved(false),
    onSuccess: (next) => {
      setSaved(true);
      client.setQueryData(['justice-mapping', mapping.partner], next);
    },
  });
  const changed = yaml !== (mapping.yaml ?? '');
  return (
    <form onSubmit={handleSubmit(() => save.mutate())}>
      <Stack gap="sm">
        <Muted>{mapping.yaml === null ? t('mapping.none') : t('mapping.updated', { when: formatDateTime(mapping.updatedAt) })}</Muted>
        <Textarea
          label={t('mapping.yaml')}
          description={t('mapping.yamlHelp')}
          value={yaml}
          onChange={(e) => {
            setYaml(e.currentTarget.value);
            setSaved(false);
          }}
          autosize
          minRows={8}
          maxRows={24}
          spellCheck={false}
          classNames={{ input: 'mono' }}
          placeholder={t('mapping.placeholder')}
          error={save.error ? true : undefined}
        />
        <ErrorAlert error={save.error} title={t('mapping.rejected')} className="pre-wrap" />
        {saved && !changed && <SuccessAlert>{t('mapping.saved')}</SuccessAlert>}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('mapping.save')}
          </Button>
          {yaml === '' && (
            <Button variant="default" onClick={() => setYaml(t('mapping.placeholder'))}>
              {t('mapping.useExample')}
            </Button>
          )}
          {changed && (
            <Button variant="default" onClick={() => setYaml(mapping.yaml ?? '')}>
              {t('mapping.discard')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
