// One value of the form: a text input taking a number or NA / NAP / NQ, and a small button
// opening the comment on that value. Changed cells are marked; the server's problem is shown under it.
import { Button, Group, Popover, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface CellState {
  value: string;
  comment: string;
  changed: boolean;
  error: string | null;
}

interface Props {
  label: string;
  cell: CellState;
  readOnly: boolean;
  onChange: (patch: { value?: string; comment?: string }) => void;
}

export function CellInput({ label, cell, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const hasComment = cell.comment.trim() !== '';
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <TextInput
        aria-label={label}
        size="xs"
        w={112}
        inputMode="decimal"
        autoComplete="off"
        value={cell.value}
        readOnly={readOnly}
        error={cell.error}
        variant={cell.changed ? 'filled' : 'default'}
        onChange={(e) => onChange({ value: e.currentTarget.value })}
        data-changed={cell.changed || undefined}
      />
      {(!readOnly || hasComment) && (
        <Popover width={280} position="bottom-end" withArrow trapFocus={!readOnly} returnFocus>
          <Popover.Target>
            <Button size="compact-xs" variant={hasComment ? 'light' : 'subtle'} aria-label={t('form.commentOn', { cell: label })} mt={4}>
              {hasComment ? t('form.commentShort') : '+'}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            {readOnly ? (
              <Stack gap={4}>
                <Text size="xs" fw={700}>
                  {t('form.comment')}
                </Text>
                <Text size="sm">{cell.comment}</Text>
              </Stack>
            ) : (
              <Textarea
                label={t('form.commentOn', { cell: label })}
                autosize
                minRows={2}
                maxRows={6}
                maxLength={2000}
                value={cell.comment}
                onChange={(e) => onChange({ comment: e.currentTarget.value })}
              />
            )}
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
