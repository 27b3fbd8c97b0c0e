// Writes src/migration/region-map.json: the GeoJSON of the six partners and their neighbours that
// the migration dashboard draws, from the Natural Earth 1:50m data packaged in world-atlas,
// simplified for a map a few hundred pixels wide. Run it again (`node scripts/region-map.mjs`) only
// to change the countries or the detail; the file is committed, so neither the server nor the
// build reads world-atlas.
//
// The simplification works on the topology's arcs (Douglas–Peucker, TOLERANCE degrees), so a
// border shared by two countries stays one line; the ends of every arc, where borders meet, are
// kept. Then polygons far outside the region (islands the map never shows) are dropped and
// coordinates are rounded to DECIMALS places (about 100 m).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'migration', 'region-map.json');
const TOLERANCE = 0.005;
const DECIMALS = 3;
/** Polygons wholly outside this box (west, south, east, north) are never in view. */
const KEEP = [5, 37, 32, 50];

/** Natural Earth names (as world-atlas spells them) → partner codes; neighbours are drawn for context. */
const PARTNERS = {
  Albania: 'AL',
  'Bosnia and Herz.': 'BA',
  Kosovo: 'XK',
  Montenegro: 'ME',
  Macedonia: 'MK',
  'North Macedonia': 'MK',
  Serbia: 'RS',
};
const CONTEXT = {
  Croatia: 'HR',
  Slovenia: 'SI',
  Hungary: 'HU',
  Romania: 'RO',
  Bulgaria: 'BG',
  Greece: 'GR',
  Italy: 'IT',
  Austria: 'AT',
};
const NAMES = { BA: 'Bosnia and Herzegovina', MK: 'North Macedonia' };

/** An arc of the quantised topology as absolute [lon, lat] positions. */
function decodeArc(arc, { scale, translate }) {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * scale[0] + translate[0], y * scale[1] + translate[1]];
  });
}

function distanceToSegment([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker: the points of `line` that keep it within `tolerance` of the original. */
function simplify(line, tolerance) {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack = [[0, line.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let farthest = -1;
    let distance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(line[i], line[first], line[last]);
      if (d > distance) {
        distance = d;
        farthest = i;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push([first, farthest], [farthest, last]);
  }
  return line.filter((_, i) => keep[i]);
}

/** A closed arc (an island's whole coast) is split at its farthest point from the start, so that it does not collapse. */
function simplifyArc(line, tolerance) {
  const [x0, y0] = line[0];
  const [xn, yn] = line[line.length - 1];
  if (line.length > 3 && x0 === xn && y0 === yn) {
    let far = 1;
    for (let i = 1; i < line.length - 1; i++)
      if (Math.hypot(line[i][0] - x0, line[i][1] - y0) > Math.hypot(line[far][0] - x0, line[far][1] - y0)) far = i;
    return [...simplify(line.slice(0, far + 1), tolerance), ...simplify(line.slice(far), tolerance).slice(1)];
  }
  return simplify(line, tolerance);
}

const round = (v) => Number(v.toFixed(DECIMALS));

/** A ring rounded, without repeated positions; null when it no longer encloses anything. */
function roundRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}

function inView(polygon) {
  const [west, south, east, north] = KEEP;
  return polygon[0].some(([x, y]) => x >= west && x <= east && y >= south && y <= north);
}

/** The polygons of a geometry that are in view, rounded; a ring that collapsed is left out. */
function polygonsOf(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = [];
  for (const polygon of polygons) {
    if (!inView(polygon)) continue;
    const outer = roundRing(polygon[0]);
    if (!outer) continue;
    out.push([outer, ...polygon.slice(1).map(roundRing).filter(Boolean)]);
  }
  return out;
}

const require = createRequire(import.meta.url);
const topology = require('world-atlas/countries-50m.json');
const countries = topology.objects.countries.geometries.filter((g) => PARTNERS[g.properties?.name] ?? CONTEXT[g.properties?.name]);
const simplified = {
  type: 'Topology',
  arcs: topology.arcs.map((arc) => simplifyArc(decodeArc(arc, topology.transform), TOLERANCE)),
  objects: { countries: { type: 'GeometryCollection', geometries: countries } },
};
const collection = feature(simplified, simplified.objects.countries);
const partnerCodes = new Set(Object.values(PARTNERS));
const features = collection.features.map((f) => {
  const name = f.properties.name;
  const code = PARTNERS[name] ?? CONTEXT[name];
  const polygons = polygonsOf(f.geometry);
  return {
    type: 'Feature',
    properties: { code, name: NAMES[code] ?? name, partner: partnerCodes.has(code) },
    geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons },
  };
});
const map = {
  type: 'FeatureCollection',
  features,
  source: 'Natural Earth 1:50m (public domain), via world-atlas; simplified',
};
const json = `${JSON.stringify(map)}\n`;
writeFileSync(OUT, json);
const points = features.reduce((n, f) => n + JSON.stringify(f.geometry.coordinates).split('],[').length, 0);
console.log(`Wrote ${OUT}: ${features.length} countries, about ${points} positions, ${(json.length / 1000).toFixed(1)} kB.`);
