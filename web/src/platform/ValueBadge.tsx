// A coded value (a status, a reply, an access level) as a badge: the translated text says it, the
// colour only helps.
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props extends Omit<BadgeProps, 'children'> {
  value: string;
  /** The translation of the value is `${texts}.${value}`. */
  texts: string;
  /** The colour of each value; grey for one not listed. A `color` given overrides it. */
  colors?: Partial<Record<string, string>>;
}

export function ValueBadge({ value, texts, colors = {}, ...badge }: Props) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={colors[value] ?? 'gray'} {...badge}>
      {t(`${texts}.${value}`)}
    </Badge>
  );
}
