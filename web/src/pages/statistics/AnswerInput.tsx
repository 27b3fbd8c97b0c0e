// One coded answer of the form (a variable of `type: code`, such as a self-assessment item): a
// select of the code list's labels in place of a number field, with the comment and the evidence
// links in the open, since an answer is read with its explanation. Read-only, the answer's label,
// its comment and its links. Changed answers are marked; the server's problem is shown under it.
import { Anchor, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import type { CellState } from './CellInput';
import { answerLabel, parseLinks, type CodeList } from './model';

interface Props {
  /** The item, as the fields' labels name it. */
  label: string;
  answers: CodeList;
  cell: CellState;
  readOnly: boolean;
  onChange: (patch: { value?: string; comment?: string; evidence?: string }) => void;
}

export function AnswerInput({ label, answers, cell, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  if (readOnly) return <ReadOnlyAnswer label={label} answers={answers} cell={cell} />;
  // A stored special code (NA, NAP, NQ from a file) stays selectable, so that saving keeps it.
  const listed = cell.value === '' || answers.codes.some((c) => c.code === cell.value);
  const options = [
    { value: '', label: t('form.noAnswer') },
    ...answers.codes.map((c) => ({ value: c.code, label: c.label })),
    ...(listed ? [] : [{ value: cell.value, label: cell.value }]),
  ];
  return (
    <Stack gap={6} maw={520}>
      <NativeSelect
        aria-label={t('form.answerOf', { item: label })}
        size="xs"
        w={200}
        data={options}
        value={cell.value}
        error={cell.error}
        variant={cell.changed ? 'filled' : 'default'}
        onChange={(e) => onChange({ value: e.currentTarget.value })}
        data-changed={cell.changed || undefined}
      />
      <Textarea
        label={t('form.commentOn', { cell: label })}
        size="xs"
        autosize
        minRows={1}
        maxRows={6}
        maxLength={2000}
        value={cell.comment}
        onChange={(e) => onChange({ comment: e.currentTarget.value })}
      />
      <Textarea
        label={t('form.evidenceOf', { item: label })}
        description={t('form.evidenceHelp')}
        size="xs"
        autosize
        minRows={1}
        maxRows={6}
        value={cell.evidence}
        onChange={(e) => onChange({ evidence: e.currentTarget.value })}
      />
    </Stack>
  );
}

/** An answer as it was given: its label, comment and evidence links ("no answer" when there is none). */
function ReadOnlyAnswer({ label, answers, cell }: Omit<Props, 'readOnly' | 'onChange'>) {
  const { t } = useTranslation();
  const links = parseLinks(cell.evidence);
  return (
    <Stack gap={2} aria-label={t('form.answerOf', { item: label })} role="group">
      {cell.value === '' ? <Muted>{t('form.noAnswer')}</Muted> : <Text fw={600}>{answerLabel(answers, cell.value)}</Text>}
      {cell.comment.trim() !== '' && <Text size="sm">{cell.comment}</Text>}
      {links.length > 0 && <EvidenceLinks links={links} />}
    </Stack>
  );
}

/** Evidence links as a list, each opening in a new tab. */
export function EvidenceLinks({ links }: { links: string[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0}>
      <Text size="xs" fw={700}>
        {t('form.evidence')}
      </Text>
      <Stack component="ul" gap={0} m={0} pl="md">
        {links.map((link) => (
          <li key={link}>
            <Anchor href={link} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
              {link}
            </Anchor>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
