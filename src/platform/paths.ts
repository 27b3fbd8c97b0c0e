// Locations of files shipped with the product, found from this module whether it runs compiled
// (dist/server/platform) or from source (src/platform).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the project folder (package.json)');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();
export const CATALOG_DIR = join(PROJECT_ROOT, 'catalogs');
export const WEB_DIST_DIR = join(PROJECT_ROOT, 'dist', 'web');
/** The server's texts per language (locales/<lang>/<namespace>.json). */
export const LOCALE_DIR = join(PROJECT_ROOT, 'locales');
