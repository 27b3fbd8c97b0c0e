// Builds the web app into dist/web; in development, proxies the API to a running `npm start`.
//
// Chunks: `app` is root.tsx with everything it imports (React, the router, the UI library's core,
// translations, the shell, the public landing and sign-in), `ui` the rest of the UI library (form
// controls, popovers, tables) that the other pages share, `shared` the app's own helpers used by
// several pages; each page is a chunk of its own, and ECharts is loaded by the first chart (see
// pages/statistics/EChart.tsx). A visitor's first load is thus a few files, not dozens: on a slow
// connection every file costs a round trip. The entry (main.ts) only starts the app and the page
// asked for; preloadApp lets index.html fetch the app's chunks right away all the same.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Adds to index.html a modulepreload of the chunks of the app, which the entry loads dynamically.
 * Not its style sheet: a style sheet in the page holds back every script until it has loaded, the
 * entry's too; the entry's import of the app loads it and waits for it before the app renders.
 */
function preloadApp(): Plugin {
  return {
    name: 'jha-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const app = chunk.dynamicImports.map((file) => bundle[file]).find((c) => c?.type === 'chunk' && c.name === 'app');
        if (!app || app.type !== 'chunk') return;
        const scripts = [app.fileName, ...app.imports.filter((file) => file !== chunk.fileName && !chunk.imports.includes(file))];
        return scripts.map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preloadApp()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The UI library marks its modules "use client" for server-rendering frameworks; irrelevant here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        codeSplitting: {
          groups: [
            // What the entry needs before anything else (Vite's loader of dynamic imports, early.ts): not in `app`.
            { name: 'preload', test: /vite[\\/]preload-helper|web[\\/]src[\\/]early\.ts$/, priority: 4 },
            // root.tsx and, recursively, everything it imports statically.
            { name: 'app', test: /web[\\/]src[\\/]root\.tsx$/, priority: 3 },
            { name: 'ui', test: /node_modules[\\/](@mantine|@floating-ui|@tanstack|react-router)/, priority: 2 },
            { name: 'shared', test: /web[\\/]src[\\/]platform[\\/]/, priority: 1, minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
