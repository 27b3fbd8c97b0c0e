// The language switch in the header: every language named in itself (and marked with its own
// `lang`, so that a screen reader says it right). The choice applies at once, is remembered by the
// browser, kept in the profile of a signed-in user, and written into the address when the address
// named a language (so that the link in the address bar opens as the page now reads).
import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, switchLanguage, type Language } from '../i18n';
import { api, type User } from './api';
import type { Me } from './session';

export function LanguageSwitch({ user }: { user: User | null }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const location = useLocation();
  const navigate = useNavigate();
  const current: Language = isLanguage(i18n.language) ? i18n.language : 'en';

  const choose = async (language: Language) => {
    await switchLanguage(language);
    const query = new URLSearchParams(location.search);
    if (query.has('lang')) {
      query.set('lang', language);
      navigate({ pathname: location.pathname, search: `?${query.toString()}`, hash: location.hash }, { replace: true });
    }
    if (user) {
      const saved = await api<User>('PUT', '/me/language', { language });
      client.setQueryData<Me | null>(['me'], (me) => (me ? { ...me, user: { ...me.user, language: saved.language ?? null } } : me));
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="subtle" size="compact-sm" aria-label={t('language.switch', { language: LANGUAGE_NAMES[current] })}>
          <span lang={current}>{LANGUAGE_NAMES[current]}</span>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LANGUAGES.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            aria-current={language === current ? 'true' : undefined}
            fw={language === current ? 700 : undefined}
            onClick={() => void choose(language)}
          >
            {LANGUAGE_NAMES[language]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
