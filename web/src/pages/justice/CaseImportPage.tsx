// Import of case-level data (one row per case, CSV or Parquet) for coordinators and admins: the
// server counts pending, incoming, resolved and old cases per court, category and instance into
// draft submissions. The upload starts a background import whose progress is shown here; below,
// the partner's column mapping and the earlier imports.
import { Code, FileInput, Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { contentTypeOf, upload, type Partner, type User } from '../../platform/api';
import { BackLink } from '../../platform/BackLink';
import { ErrorAlert } from '../../platform/feedback';
import { handleSubmit, SubmitButton } from '../../platform/forms';
import { SectionTitle } from '../../platform/Section';
import { usePartners } from '../statistics/model';
import { ImportHistory, ImportStatus } from './ImportStatus';
import { MappingEditor } from './MappingEditor';

const TYPES: Record<string, string> = { csv: 'text/csv', parquet: 'application/vnd.apache.parquet' };
const YEARS = /^\d{4}(-\d{4})?$/;

export function CaseImportPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const partners = usePartners();
  const [params, setParams] = useSearchParams();
  const [chosen, setChosen] = useState<string | null>(null);
  const wb6 = (partners.data?.partners ?? []).filter((p) => p.group === 'WB6');
  // A coordinator imports for their own partner only.
  const partner = user.role === 'coordinator' ? user.partner : (chosen ?? wb6[0]?.code ?? null);
  const current = params.get('import');

  return (
    <Stack maw={1000}>
      <BackLink to="/justice">{t('justice.backToScoreboard')}</BackLink>
      <Title order={2}>{t('caseImport.title')}</Title>
      <Text>{t('caseImport.intro')}</Text>
      <List size="sm">
        <List.Item>
          {t('caseImport.columns')} <Code>case_id,court,case_type,instance,filed_on,closed_on</Code>
        </List.Item>
        <List.Item>{t('caseImport.values')}</List.Item>
        <List.Item>{t('caseImport.mappingHint')}</List.Item>
      </List>
      <UploadForm
        partner={partner}
        partners={wb6}
        onPartner={setChosen}
        fixedPartner={user.role === 'coordinator'}
        onStarted={(id) => setParams({ import: id }, { replace: false })}
      />
      {current && <ImportStatus id={current} />}
      {partner && <MappingEditor partner={partner} />}
      {partner && <ImportHistory partner={partner} current={current} onOpen={(id) => setParams({ import: id })} />}
    </Stack>
  );
}

interface UploadProps {
  partner: string | null;
  partners: Partner[];
  onPartner: (partner: string | null) => void;
  /** A coordinator's partner cannot be changed. */
  fixedPartner: boolean;
  /** The import the upload started, to follow its progress. */
  onStarted: (id: string) => void;
}

/** The partner, the years (optional) and the file, checked before they are sent; the upload starts the import. */
function UploadForm({ partner, partners, onPartner, fixedPartner, onStarted }: UploadProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [years, setYears] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const typeProblem = file !== null && contentTypeOf(file, TYPES) === null;
  const yearsProblem = years.trim() !== '' && !YEARS.test(years.trim());
  const start = useMutation({
    mutationFn: () => {
      const type = file ? contentTypeOf(file, TYPES) : null;
      if (!file || !type || !partner) throw new Error(t('caseImport.wrongType'));
      const q = new URLSearchParams({ partner, fileName: file.name });
      if (years.trim()) q.set('years', years.trim());
      return upload<{ id: string }>(`/justice/case-imports?${q}`, file, type);
    },
    onSuccess: ({ id }) => {
      onStarted(id);
      void client.invalidateQueries({ queryKey: ['case-imports'] });
    },
  });
  const submit = handleSubmit(() => {
    if (file && !typeProblem && !yearsProblem) start.mutate();
  });
  return (
    <form onSubmit={submit} aria-labelledby="upload-title">
      <Stack gap="sm">
        <SectionTitle id="upload-title">{t('caseImport.uploadTitle')}</SectionTitle>
        <Group align="flex-start" gap="md">
          <Select
            label={t('caseImport.partner')}
            data={partners.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
            value={partner}
            onChange={onPartner}
            allowDeselect={false}
            disabled={fixedPartner}
            w={260}
          />
          <TextInput
            label={t('caseImport.years')}
            description={t('caseImport.yearsHelp')}
            placeholder="2019-2024"
            value={years}
            onChange={(e) => setYears(e.currentTarget.value)}
            error={yearsProblem ? t('caseImport.yearsWrong') : undefined}
            w={300}
          />
        </Group>
        <FileInput
          label={t('caseImport.file')}
          description={t('caseImport.fileHelp')}
          placeholder={t('caseImport.choose')}
          accept=".csv,.parquet,text/csv,application/vnd.apache.parquet"
          value={file}
          onChange={(f) => {
            setFile(f);
            start.reset();
          }}
          clearable
          maw={480}
          error={typeProblem ? t('caseImport.wrongType') : undefined}
        />
        <SubmitButton disabled={!file || !partner || typeProblem || yearsProblem} loading={start.isPending}>
          {t('caseImport.start')}
        </SubmitButton>
        <ErrorAlert error={start.error} />
      </Stack>
    </form>
  );
}
