// One value of the form: a text input taking a number or NA / NAP / NQ, its observation status as a
// small code badge ("E", explained on hover or focus: "E: estimated"), and a small button opening
// the comment and the observation status of that value. Changed cells are marked; the server's
// problem is shown under it.
import { Badge, Button, Group, NativeSelect, Popover, Stack, Text, Textarea, TextInput, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { groupDigits } from '../../platform/format';
import { isObsStatus, OBS_STATUSES } from './figures';

export interface CellState {
  value: string;
  comment: string;
  /** The SDMX observation status code ('' for none). */
  obsStatus: string;
  /** Evidence links as typed, one per line ('' for none). */
  evidence: string;
  changed: boolean;
  error: string | null;
}

interface Props {
  label: string;
  cell: CellState;
  readOnly: boolean;
  onChange: (patch: { value?: string; comment?: string; obsStatus?: string }) => void;
}

/** An observation status code as a small badge, its meaning on hover or focus and for screen readers. */
export function ObsStatusBadge({ code }: { code: string | null | undefined }) {
  const { t } = useTranslation();
  if (!code) return null;
  const hint = t('obsStatus.hint', { code, text: isObsStatus(code) ? t(`obsStatus.${code}`) : code });
  return (
    <Tooltip label={hint} withArrow>
      <Badge variant="outline" color="grape" size="sm" radius="sm" tabIndex={0} className="badge-inline" mt={4}>
        <span aria-hidden="true">{code}</span>
        <VisuallyHidden>{`${t('obsStatus.label')}: ${hint}`}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
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
        // Once left, a typed number shows grouped in thousands ('30500' → '30,500').
        onBlur={(e) => {
          const grouped = groupDigits(e.currentTarget.value);
          if (grouped !== e.currentTarget.value) onChange({ value: grouped });
        }}
        data-changed={cell.changed || undefined}
      />
      <ObsStatusBadge code={cell.obsStatus} />
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
              <Stack gap="xs">
                <Textarea
                  label={t('form.commentOn', { cell: label })}
                  autosize
                  minRows={2}
                  maxRows={6}
                  maxLength={2000}
                  value={cell.comment}
                  onChange={(e) => onChange({ comment: e.currentTarget.value })}
                />
                <NativeSelect
                  label={t('obsStatus.label')}
                  aria-label={t('obsStatus.labelOf', { cell: label })}
                  size="xs"
                  value={cell.obsStatus}
                  onChange={(e) => onChange({ obsStatus: e.currentTarget.value })}
                  data={[
                    { value: '', label: t('obsStatus.none') },
                    ...OBS_STATUSES.map((code) => ({ value: code, label: t('obsStatus.hint', { code, text: t(`obsStatus.${code}`) }) })),
                  ]}
                />
              </Stack>
            )}
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}
