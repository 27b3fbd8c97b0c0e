// Map geometry of the Western Balkans and their neighbours: Natural Earth 1:50m (world-atlas),
// simplified for a dashboard map by scripts/region-map.mjs into region-map.json, which is
// committed; no map tiles from the internet. The web app loads the same file as a hashed asset.
import type { RegionMap } from './dashboard.schema.js';
import regionMap from './region-map.json' with { type: 'json' };

export function westernBalkansMap(): RegionMap {
  return regionMap as RegionMap;
}
