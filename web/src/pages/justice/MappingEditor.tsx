// The partner's column mapping for case imports, edited as YAML: which columns of the national
// export hold the case id, court, case type, instance and dates, the date format, and how national
// case types map to CEPEJ categories. The server checks it and names the wrong line.
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../platform/api';
import { formatDateTime } from '../statistics/model';
import type { Mapping } from './model';

export function MappingEditor({ partner }: { partner: string }) {
  const { t } = useTranslation();
  const mapping = useQuery({
    queryKey: ['justice-mapping', partner],
    queryFn: () => api<Mapping>('GET', `/justice/mappings/${encodeURIComponent(partner)}`),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mapping-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="mapping-title">
          {t('mapping.title', { partner })}
        </Title>
        <Text size="sm">{t('mapping.intro')}</Text>
        {mapping.error && (
          <Alert color="red" role="alert">
            {mapping.error.message}
          </Alert>
        )}
        {mapping.data && <MappingForm key={partner} mapping={mapping.data} />}
      </Stack>
    </Paper>
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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const changed = yaml !== (mapping.yaml ?? '');
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {mapping.yaml === null ? t('mapping.none') : t('mapping.updated', { when: formatDateTime(mapping.updatedAt) })}
        </Text>
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
        {save.error && (
          <Alert color="red" role="alert" title={t('mapping.rejected')} className="pre-wrap">
            {save.error.message}
          </Alert>
        )}
        {saved && !changed && (
          <Alert color="green" role="status">
            {t('mapping.saved')}
          </Alert>
        )}
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
