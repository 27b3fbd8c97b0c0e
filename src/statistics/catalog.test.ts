import { describe, expect, it } from 'vitest';
import { CATALOG_DIR } from '../platform/paths.js';
import { CatalogError, indicatorHead, loadCatalogs, metadataOf, parseCatalogs } from './catalog.js';

const base = `domain: test
dimensions:
  sex: [female, male]
variables:
  - { code: arrivals, label: Arrivals, kind: flow, dimensions: [sex] }
  - { code: capacity, label: Beds, kind: stock }
datasets:
  - { code: test.monthly, label: Monthly, period: monthly, level: partner, variables: [arrivals, capacity] }
`;

function problem(text: string): CatalogError {
  try {
    parseCatalogs([{ file: 'catalogs/test.yaml', text }]);
  } catch (err) {
    if (err instanceof CatalogError) return err;
    throw err;
  }
  throw new Error('expected a CatalogError');
}

describe('catalogue loading', () => {
  it('loads the shipped catalogues', () => {
    const catalog = loadCatalogs(CATALOG_DIR);
    const dataset = catalog.datasets.get('justice.annual')!;
    expect(dataset).toMatchObject({ periodType: 'yearly', partnerLevel: true, orgUnitKinds: ['court'] });
    expect(catalog.variables.get('cases.incoming')?.dimensions).toEqual(['case_category', 'instance']);
    expect(catalog.indicators.get('justice.clearance_rate')).toMatchObject({ aggregation: 'ratio_of_sums', factor: 100, decimals: 2 });
    expect(catalog.rules.find((r) => r.code === 'justice.carry_over')).toMatchObject({
      severity: 'warning',
      usesPrevious: true,
      datasets: ['justice.annual'],
    });
  });

  it('scopes a dataset to the WB6 unless it names its partners, codes or groups', () => {
    expect(loadCatalogs(CATALOG_DIR).datasets.get('justice.annual')!.partners).toEqual(['WB6']);
    const scoped = base.replace('level: partner, variables', 'level: partner, partners: [WB6, HR], variables');
    expect(parseCatalogs([{ file: 'catalogs/test.yaml', text: scoped }]).datasets.get('test.monthly')!.partners).toEqual(['WB6', 'HR']);
    expect(problem(base.replace('level: partner, variables', 'level: partner, partners: [Croatia], variables')).message).toMatch(
      /"Croatia" is not a partner code or group \(e\.g\. AL, WB6\)/,
    );
  });

  it('reads a valid catalogue with rules and indicators', () => {
    const catalog = parseCatalogs([
      {
        file: 'x.yaml',
        text: `${base}validation_rules:
  - { code: test.positive, message: positive, left: arrivals, operator: '>=', right: '0', severity: error }
indicators:
  - { code: test.share_female, label: Share of women, numerator: 'arrivals[sex == female]', denominator: arrivals, factor: 100, unit: '%' }
  - { code: test.arrivals, label: Arrivals, expression: arrivals, aggregation: sum, decimals: 0 }
`,
      },
    ]);
    expect(catalog.rules[0]).toMatchObject({ code: 'test.positive', datasets: ['test.monthly'], missing: 'skip_if_any_missing' });
    expect(catalog.indicators.get('test.arrivals')).toMatchObject({ aggregation: 'sum', datasets: ['test.monthly'] });
  });

  it.each([
    [
      `${base}indicators:\n  - { code: x.rate, label: X, numerator: arrivals, denominator: departures }\n`,
      10,
      /unknown variable departures/,
    ],
    [
      `${base}indicators:\n  - { code: x.rate, label: X, expression: 'arrivals[sex == other]' }\n`,
      10,
      /"other" is not a code of dimension sex/,
    ],
    [
      `${base}validation_rules:\n  - { code: x.r, message: m, left: arrivals, operator: '=>', right: '0', severity: error }\n`,
      10,
      /"=>" is not one of ==/,
    ],
    [
      `${base}validation_rules:\n  - { code: x.r, message: m, left: arrivals, operator: '>=', right: '0', severity: fatal }\n`,
      10,
      /"fatal" is not one of error, warning/,
    ],
    [base.replace('period: monthly', 'period: daily'), 8, /"daily" is not one of yearly/],
    [base.replace('dimensions: [sex]', 'dimensions: [gender]'), 5, /unknown dimension gender/],
    [base.replace('kind: stock', 'kind: level'), 6, /"level" is not one of flow, stock/],
    [base.replace('code: capacity', 'code: Capacity!'), 6, /is not a code in snake_case/],
    [base.replace('variables: [arrivals, capacity]', 'variables: [arrivals, beds]'), 8, /unknown variable beds/],
    [base.replace('label: Beds', 'lable: Beds'), 6, /unknown key/],
    [
      `${base}  - { code: test.monthly, label: Again, period: monthly, level: partner, variables: [arrivals] }\n`,
      9,
      /dataset test\.monthly is declared twice/,
    ],
    [
      `${base}indicators:\n  - { code: x.rate, label: X, expression: '(((((((((((((((((((((((((((1)))))))))))))))))))))))))))' }\n`,
      10,
      /nests deeper/,
    ],
    [`${base}indicators: [ { code: x, label: "unclosed }\n`, undefined, /./],
    [`${base}indicators:\n  - { code: x.sum, label: X, expression: arrivals, min_coverage: 7 }\n`, 10, /min_coverage: must be at most 6/],
    // Metadata: a wrong type is named with its own line.
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    definition: [one, two]\n`,
      13,
      /indicators\[1\]\.definition: must be a text/,
    ],
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    source: 42\n`,
      13,
      /indicators\[1\]\.source: must be a text/,
    ],
    [`${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    method: '  '\n`, 13, /method: must not be empty/],
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    footnotes: Only one\n`,
      13,
      /indicators\[1\]\.footnotes: must be a list of texts/,
    ],
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    footnotes:\n      - A note\n      - { text: B }\n`,
      15,
      /indicators\[1\]\.footnotes\[2\]: must be a text/,
    ],
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    periodicity: yearly\n`,
      13,
      /periodicity: "yearly" is not one of annual, semiannual, quarterly, monthly/,
    ],
    [
      `${base}indicators:\n  - code: x.sum\n    label: X\n    expression: arrivals\n    periodicity: annual\n`,
      13,
      /periodicity: "annual" does not match the period of its data \(test\.monthly: monthly\)/,
    ],
    [base.replace('kind: stock }', 'kind: stock, definition: { text: Beds } }'), 6, /variables\[2\]\.definition: must be a text/],
    [base.replace('kind: stock }', 'kind: stock, periodicity: quarterly }'), 6, /variables\[2\]\.periodicity: "quarterly" does not match/],
    [base.replace('kind: stock }', 'kind: stock, footnote: [x] }'), 6, /variables\[2\]\.footnote: unknown key/],
  ])('names file and line of a problem (%#)', (text, line, message) => {
    const err = problem(text);
    expect(err.file).toBe('catalogs/test.yaml');
    if (line !== undefined) expect(err.line).toBe(line);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^catalogs\/test\.yaml:\d+: /);
  });
});

describe('metadata of variables and indicators', () => {
  const text = `${base.replace(
    '  - { code: capacity, label: Beds, kind: stock }',
    `  - code: capacity
    label: Beds
    kind: stock
    definition: Beds in the centres.
    source: Ministry of the Interior
    footnotes: [Tents excluded.]`,
  )}indicators:
  - code: test.arrivals
    label: Arrivals
    expression: arrivals
    definition: >-
      Persons arriving
      in the month.
    method: |
      The monthly total.
    source: "Border police; Regional Template"
    periodicity: monthly
    footnotes:
      - First note.
      - "Second: with a colon."
  - { code: test.bare, label: Bare, expression: capacity }
`;

  it('reads definition, method, source, periodicity and footnotes, trimmed', () => {
    const catalog = parseCatalogs([{ file: 'catalogs/test.yaml', text }]);
    expect(metadataOf(catalog.indicators.get('test.arrivals')!)).toEqual({
      definition: 'Persons arriving in the month.',
      method: 'The monthly total.',
      source: 'Border police; Regional Template',
      periodicity: 'monthly',
      footnotes: ['First note.', 'Second: with a colon.'],
    });
    expect(metadataOf(catalog.variables.get('capacity')!)).toEqual({
      definition: 'Beds in the centres.',
      method: null,
      source: 'Ministry of the Interior',
      periodicity: 'monthly',
      footnotes: ['Tents excluded.'],
    });
  });

  it('without metadata: null and [], the periodicity from the period of the datasets', () => {
    const catalog = parseCatalogs([{ file: 'catalogs/test.yaml', text }]);
    expect(metadataOf(catalog.indicators.get('test.bare')!)).toEqual({
      definition: null,
      method: null,
      source: null,
      periodicity: 'monthly',
      footnotes: [],
    });
    expect(catalog.variables.get('arrivals')!.periodicity).toBe('monthly');
    const yearly = parseCatalogs([{ file: 'y.yaml', text: base.replace('period: monthly', 'period: yearly') }]);
    expect(yearly.variables.get('arrivals')!.periodicity).toBe('annual');
  });

  it('a variable collected in datasets of different periods has the periodicity it declares, or none', () => {
    const two = `${base}  - { code: test.yearly, label: Yearly, period: yearly, level: partner, variables: [capacity] }\n`;
    expect(parseCatalogs([{ file: 'a.yaml', text: two }]).variables.get('capacity')!.periodicity).toBeNull();
    const declared = two.replace('kind: stock }', 'kind: stock, periodicity: quarterly }');
    expect(parseCatalogs([{ file: 'a.yaml', text: declared }]).variables.get('capacity')!.periodicity).toBe('quarterly');
  });

  it('the head of an indicator answer carries the metadata', () => {
    const catalog = parseCatalogs([{ file: 'catalogs/test.yaml', text }]);
    expect(indicatorHead(catalog.indicators.get('test.bare')!)).toEqual({
      code: 'test.bare',
      label: 'Bare',
      unit: '',
      decimals: 2,
      aggregation: 'median',
      polarity: 'neutral',
      description: '',
      definition: null,
      method: null,
      source: null,
      periodicity: 'monthly',
      footnotes: [],
    });
  });

  it('every shipped indicator has a definition, a method, a source and a periodicity', () => {
    const catalog = loadCatalogs(CATALOG_DIR);
    const indicators = [...catalog.indicators.values()];
    // The indicators lacking a text, by field: none.
    const lacking = (field: 'definition' | 'method' | 'source') =>
      indicators.filter((i) => (i[field] ?? '').trim() === '').map((i) => i.code);
    expect({ definition: lacking('definition'), method: lacking('method'), source: lacking('source') }).toEqual({
      definition: [],
      method: [],
      source: [],
    });
    const periodicity: Record<string, string> = {
      justice: 'annual',
      migration: 'monthly',
      firearms: 'semiannual',
      organised_crime: 'annual',
      domestic_violence: 'annual',
      drugs: 'annual',
      digital_justice: 'annual',
    };
    expect(indicators.filter((i) => i.periodicity !== periodicity[i.domain]).map((i) => i.code)).toEqual([]);
    expect(metadataOf(catalog.indicators.get('justice.clearance_rate')!)).toEqual({
      definition:
        'Resolved cases as a share of incoming cases in the year, in per cent. Above 100 % the courts resolve more cases than they receive and the stock of pending cases falls; below 100 % it grows.',
      method:
        "Resolved cases / incoming cases × 100, published with 2 decimals. The regional value is the partners' resolved cases summed over their incoming cases summed (ratio of sums), not an average of their rates. Missing, not 0, when incoming cases are 0 or missing.",
      source: "National courts' case management systems; CEPEJ methodology",
      periodicity: 'annual',
      footnotes: [
        'Bulk closures of old enforcement cases inflate the clearance rate of the year they happen in.',
        'Figures marked NA (not available), NAP (not applicable) or NQ (under quality review) are never counted as zero.',
      ],
    });
    expect(metadataOf(catalog.variables.get('cases.incoming')!)).toEqual({
      definition: 'New cases filed during the reference year.',
      method: 'Counted per court, case category and instance. From case-level data for reference year Y, filed within Y.',
      source: "National courts' case management systems; CEPEJ methodology",
      periodicity: 'annual',
      footnotes: [
        'Cases delegated between courts may be counted twice, and retrials and appeals counted as new cases; the year-on-year outlier checks flag such jumps.',
      ],
    });
  });
});

describe('coverage of regional figures', () => {
  it('an indicator needs 4 of the 6 partners for a region value unless it declares min_coverage', () => {
    const catalog = parseCatalogs([
      {
        file: 'catalogs/test.yaml',
        text: `${base}indicators:\n  - { code: x.default, label: X, expression: arrivals }\n  - { code: x.two, label: Y, expression: arrivals, min_coverage: 2 }\n`,
      },
    ]);
    expect(catalog.indicators.get('x.default')!.minCoverage).toBe(4);
    expect(catalog.indicators.get('x.two')!.minCoverage).toBe(2);
  });
});

describe('the worked example of docs/catalogs.md', () => {
  it('loads and behaves as the text says', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { PROJECT_ROOT } = await import('../platform/paths.js');
    const { validateSubmission } = await import('./validation.js');
    const { computeIndicator, roundTo } = await import('./indicators.js');
    const { ValueIndex } = await import('./values.js');
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'catalogs.md'), 'utf8');
    const yaml = /## Worked example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const catalog = parseCatalogs([{ file: 'example.yaml', text: yaml }]);
    const values = [
      { variable: 'reception.capacity', orgUnit: 'centre-1', coords: '', num: 120, code: null },
      { variable: 'reception.accommodated', orgUnit: 'centre-1', coords: 'sex=female', num: 80, code: null },
      { variable: 'reception.accommodated', orgUnit: 'centre-1', coords: 'sex=male', num: 50, code: null },
    ];
    const findings = validateSubmission({ catalog, dataset: catalog.datasets.get('example.reception')!, current: values, history: [] });
    expect(findings.map((f) => [f.ruleCode, f.orgUnit])).toEqual([
      ['example.over_capacity', ''],
      ['example.over_capacity', 'centre-1'],
    ]);
    const rate = computeIndicator(catalog, catalog.indicators.get('example.occupancy_rate')!, {
      indexes: [new ValueIndex(values)],
      orgUnit: 'centre-1',
      dimensions: {},
    });
    expect(roundTo(rate.value, 1)).toBe(108.3);
    // Its periodicity comes from the monthly dataset.
    expect(catalog.indicators.get('example.occupancy_rate')).toMatchObject({
      periodicity: 'monthly',
      source: "The partners' reception authorities",
    });
  });
});
