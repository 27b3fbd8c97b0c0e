// The app: providers (UI library, data fetching, translations), the router and the shell, rendered
// into #root. Loaded by main.ts.
import '@mantine/core/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18n from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setNonce } from 'get-nonce';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App';
import { initialLanguage, switchLanguage } from './i18n';
import { cssVariablesResolver, theme } from './platform/theme';

// The server puts the request's CSP nonce here; Mantine adds it to the <style> tags it creates.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
// Modals lock page scroll through a library that injects its own <style>; it takes the nonce from here.
setNonce(nonce);

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
// What the server wrote (catalogue labels, indicator names, messages) is in the language asked for: asked again in the new one.
i18n.on('languageChanged', () => void queryClient.invalidateQueries());

// The first page comes in its language (from the address, this browser's choice or its languages),
// not in English first; a language file that fails to load leaves the page in English.
const starting = switchLanguage(initialLanguage()).catch(() => undefined);

void starting.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} getStyleNonce={() => nonce}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
