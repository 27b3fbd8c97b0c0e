// The README.txt of the bulk download (pure): what the archive holds, how its files are laid out,
// the licence, how to cite it, and the Kosovo designation footnote.
import { citation, DATA_LICENCE, KOSOVO_FOOTNOTE } from '../statistics/open-data.js';
import { OBS_STATUS_NAMES, SPECIAL_CODE_STATUS } from '../statistics/sdmx.js';

export interface ArchivedDataset {
  code: string;
  label: string;
  /** Its SDMX dataflow id. */
  flow: string;
  rows: number;
  files: string[];
}

export function readmeText(datasets: ArchivedDataset[], lastPublished: string | null, url: string): string {
  const lines = [
    'JHA Hub: published data of the EU–Western Balkans cooperation on Justice and Home Affairs',
    '',
    `Figures as published on ${lastPublished ? lastPublished.slice(0, 10) : '(nothing published yet)'}${lastPublished ? ` (last release ${lastPublished})` : ''}.`,
    `Source: ${url}`,
    '',
    'Contents',
    ...(datasets.length
      ? datasets.flatMap((d) => [
          `- ${d.label} (${d.code}; SDMX dataflow JHAHUB:${d.flow}(1.0)): ${d.rows.toLocaleString('en-US')} values`,
          ...d.files.map((f) => `    ${f}`),
        ])
      : ['- No dataset has published figures yet.']),
    '',
    'Files',
    '- csv/<dataset>.csv: one row per published value, with codes and names side by side (partner and',
    '  partner_name, each breakdown and its label; an empty breakdown is its total), the unit, the value',
    '  (a number, or NA / NAP / NQ with special_code_name), the observation status, the comment and the status.',
    '- sdmx-csv/<DATAFLOW>.csv: the same values as SDMX-CSV 2.0',
    '  (media type application/vnd.sdmx.data+csv; version=2.0.0).',
    '- structures/<DATAFLOW>.xml: the SDMX-ML 2.1 structure of each dataflow (code lists, concepts,',
    '  data structure definition), naming every column of its SDMX-CSV file.',
    '',
    'Special codes in SDMX-CSV: an empty OBS_VALUE with the observation status',
    ...Object.entries(SPECIAL_CODE_STATUS).map(([code, status]) => `- ${code} -> ${status} (${OBS_STATUS_NAMES[status]})`),
    'Observation statuses reported with the values (A, B, E, P, M) are given as they were reported.',
    'Comments that begin with =, +, -, @ or a control character start with an apostrophe, so that a',
    'spreadsheet shows them as text.',
    '',
    'Licence',
    `${DATA_LICENCE.name}: ${DATA_LICENCE.url}`,
    'You may share and adapt the data for any purpose, giving appropriate credit.',
    '',
    'How to cite',
    citation('published data (bulk download)', lastPublished, url),
    '',
    'Footnote',
    KOSOVO_FOOTNOTE,
    '',
  ];
  return lines.join('\r\n');
}
