// The Mantine theme: the EU blue as the primary colour, and colour variables that keep text readable
// (WCAG 2.1 AA: 4.5:1 for text). Mantine's defaults put light shades behind white text (a red or
// yellow filled badge) and use mid shades as text colours (dimmed grey, red or yellow text, the
// text of light badges), which fall short of that ratio; the resolver below picks, for every colour
// of the palette, the first shade dark enough on the backgrounds it is used on, and darkens the
// darkest shade further where even that is not enough (yellow, lime). The palettes' three darkest
// shades, which pages name for text (`c="red.8"`), are darkened the same way.
import { Anchor, createTheme, DEFAULT_THEME, Table, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';
import i18n from '../i18n';

/** The contrast ratio asked of text (WCAG 1.4.3, normal size). */
// A little above 4.5 so that rounding in the browser's colour maths cannot tip a colour below it.
const TEXT_CONTRAST = 4.6;

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

function darker(hex: string, by: number): string {
  return `#${channels(hex)
    .map((v) =>
      Math.round(v * (1 - by))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** The first shade from `from` on that reads at 4.5:1 against every background; else the darkest, darkened until it does. */
function readable(shades: MantineColorsTuple, from: number, backgrounds: string[]): string {
  const passes = (c: string) => backgrounds.every((bg) => contrast(c, bg) >= TEXT_CONTRAST);
  for (let i = from; i < shades.length; i++) if (passes(shades[i]!)) return shades[i]!;
  let c = shades[shades.length - 1]!;
  for (let step = 0; step < 20 && !passes(c); step++) c = darker(c, 0.08);
  return c;
}

/** Pale backgrounds text commonly sits on: striped and hovered rows, overdue rows. */
const PALE = ['#ffffff', DEFAULT_THEME.colors.gray[0], DEFAULT_THEME.colors.gray[1], DEFAULT_THEME.colors.red[0]];

/**
 * Mantine's palettes with their three darkest shades (the ones pages write text in: `c="red.8"`,
 * `c="teal.8"`) darkened where they read below 4.5:1 on white, their own light shades or the pale
 * backgrounds above; the lighter shades (backgrounds, borders, chart fills) are kept.
 */
function textShades(colors: typeof DEFAULT_THEME.colors): Record<string, MantineColorsTuple> {
  const result: Record<string, MantineColorsTuple> = {};
  for (const [name, shades] of Object.entries(colors)) {
    if (name === 'dark' || !shades) continue;
    const out = [...shades];
    const against = [...PALE, shades[0], shades[1]];
    for (let i = 7; i < 10; i++) {
      let c = out[i]!;
      for (let step = 0; step < 20 && !against.every((bg) => contrast(c, bg) >= TEXT_CONTRAST); step++) c = darker(c, 0.06);
      // Keep each shade at least as dark as the one before it.
      if (luminance(c) > luminance(out[i - 1]!)) c = darker(out[i - 1]!, 0.06);
      out[i] = c;
    }
    result[name] = out as unknown as MantineColorsTuple;
  }
  return result;
}

export const theme = createTheme({
  primaryColor: 'eu',
  colors: {
    ...textShades(DEFAULT_THEME.colors),
    eu: ['#e8edf9', '#cdd8f1', '#9db1e4', '#6a87d6', '#4466cb', '#2d50c4', '#1c3f95', '#183684', '#122b6b', '#0b1f52'],
  },
  primaryShade: 6,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  components: {
    // Links are underlined, so that a link in a sentence or a table cell is told apart by more than its colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A wide table scrolls sideways in its own box: keyboard users reach that box with Tab to scroll it
    // with the arrow keys (WCAG 2.1.1), and screen readers name it.
    TableScrollContainer: Table.ScrollContainer.extend({
      defaultProps: {
        scrollAreaProps: {
          viewportProps: { tabIndex: 0, role: 'region', 'aria-label': i18n.t('a11y.scrollTable') },
        },
      },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const light: Record<string, string> = {};
  const white = t.white;
  const gray = t.colors.gray;
  // Where text commonly sits: the page, striped and hovered rows, light badges and alerts, overdue rows.
  const pale = [white, gray[0], gray[1], t.colors.red[0], t.colors[t.primaryColor]![0]];
  for (const [name, shades] of Object.entries(t.colors)) {
    if (!shades) continue;
    const text = readable(shades, 7, [...pale, shades[0], shades[1]]);
    const filled = readable(shades, t.primaryShade && typeof t.primaryShade === 'object' ? t.primaryShade.light : 6, [white]);
    light[`--mantine-color-${name}-text`] = text;
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darker(filled, 0.12);
    light[`--mantine-color-${name}-light-color`] = readable(shades, 8, [shades[1], shades[2], white]);
    light[`--mantine-color-${name}-outline`] = filled;
  }
  light['--mantine-color-dimmed'] = readable(gray, 6, pale);
  // Placeholders (an empty file field's "Choose a file") are the only text some fields show.
  light['--mantine-color-placeholder'] = readable(gray, 6, [white]);
  light['--mantine-color-error'] = light['--mantine-color-red-text']!;
  return { variables: {}, light, dark: {} };
};
