// The status of a submission as a coloured badge (the text says it, the colour only helps).
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS, type Status } from './model';

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" miw={96}>
      {t(`status.${status}`)}
    </Badge>
  );
}
