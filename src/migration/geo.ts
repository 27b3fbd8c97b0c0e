// Map geometry of the Western Balkans and their neighbours from the Natural Earth data packaged in
// world-atlas (1:50m), converted to GeoJSON once per process; no map tiles from the internet.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { FeatureCollection, Geometry } from 'geojson';
import type { RegionMap } from './dashboard.schema.js';

const require = createRequire(import.meta.url);

/** Natural Earth names (as world-atlas spells them) → partner codes; neighbours are drawn for context. */
const PARTNERS: Record<string, string> = {
  Albania: 'AL',
  'Bosnia and Herz.': 'BA',
  Kosovo: 'XK',
  Montenegro: 'ME',
  Macedonia: 'MK',
  'North Macedonia': 'MK',
  Serbia: 'RS',
};
const CONTEXT: Record<string, string> = {
  Croatia: 'HR',
  Slovenia: 'SI',
  Hungary: 'HU',
  Romania: 'RO',
  Bulgaria: 'BG',
  Greece: 'GR',
  Italy: 'IT',
  Austria: 'AT',
};

let cached: RegionMap | undefined;

export function westernBalkansMap(): RegionMap {
  if (cached) return cached;
  const topology = require('world-atlas/countries-50m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const features: RegionMap['features'] = [];
  for (const f of all.features) {
    const name = f.properties?.name ?? '';
    const code = PARTNERS[name] ?? CONTEXT[name];
    if (!code) continue;
    features.push({
      type: 'Feature',
      properties: {
        code,
        name: code === 'BA' ? 'Bosnia and Herzegovina' : code === 'MK' ? 'North Macedonia' : name,
        partner: Object.values(PARTNERS).includes(code),
      },
      geometry: f.geometry,
    });
  }
  cached = { type: 'FeatureCollection', features, source: 'Natural Earth 1:50m (public domain), via world-atlas' };
  return cached;
}
