// The sources named on the figures of the twelve months shown, real publications first;
// illustrative demo figures are labelled as not official statistics.
import { Badge, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Muted } from '../../platform/text';
import { describeMonths, groupSources, type Source } from './model';

export function Sources({ sources, partnerName }: { sources: Source[]; partnerName: (code: string) => string }) {
  const { t } = useTranslation();
  const groups = groupSources(sources);
  if (groups.length === 0) return <Muted>{t('migration.sources.none')}</Muted>;
  return (
    <List spacing="xs" listStyleType="none" aria-label={t('migration.sources.title')}>
      {groups.map((g) => (
        <List.Item key={g.comment}>
          <Text size="sm">
            {g.comment}
            {g.illustrative && (
              <>
                {' '}
                <Badge component="span" color="gray" variant="outline" size="sm">
                  {t('migration.sources.illustrative')}
                </Badge>
              </>
            )}
          </Text>
          <Muted size="xs">
            {t('migration.sources.covers', { partners: g.partners.map(partnerName).join(', '), months: describeMonths(g.periods) })}
          </Muted>
        </List.Item>
      ))}
    </List>
  );
}
