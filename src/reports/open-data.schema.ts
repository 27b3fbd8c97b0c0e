// Request and response schemas of the open-data routes: SDMX structures and the bulk download.
import { Type } from 'typebox';
import { download } from '../platform/http/schemas.js';
import { SDMX_STRUCTURE_TYPE } from '../statistics/sdmx.js';
import { ZIP_TYPE } from './bulk.service.js';

export const DataflowParams = Type.Object({
  dataflow: Type.String({
    pattern: '^[A-Za-z][A-Za-z0-9_-]{0,119}$',
    description: 'a dataflow id: a dataset’s (JUSTICE_ANNUAL) or an indicator’s (IND_JUSTICE_CLEARANCE_RATE)',
  }),
});

const structure = download('', SDMX_STRUCTURE_TYPE).content[SDMX_STRUCTURE_TYPE];

export const DataflowsResponse = {
  description: 'An SDMX-ML 2.1 structure message listing every dataflow (one per dataset, one per indicator)',
  content: {
    [SDMX_STRUCTURE_TYPE]: {
      ...structure,
      example:
        '<?xml version="1.0" encoding="UTF-8"?>\n<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" …>\n' +
        '  <mes:Header>…</mes:Header>\n  <mes:Structures>\n    <str:Dataflows>\n' +
        '      <str:Dataflow id="JUSTICE_ANNUAL" agencyID="JHAHUB" version="1.0">\n        <com:Name xml:lang="en">CEPEJ annual evaluation</com:Name>\n' +
        '        <str:Structure><Ref id="DSD_JUSTICE_ANNUAL" agencyID="JHAHUB" version="1.0" package="datastructure" class="DataStructure"/></str:Structure>\n' +
        '      </str:Dataflow>\n      …\n',
    },
  },
};

export const StructureResponse = {
  description:
    'The SDMX-ML 2.1 structure of one dataflow: code lists with names, concepts, the data structure definition (its dimensions, attributes and measure are the columns of the SDMX-CSV files) and the dataflow',
  content: {
    [SDMX_STRUCTURE_TYPE]: {
      ...structure,
      example:
        '<str:DimensionList id="DimensionDescriptor">\n  <str:Dimension id="FREQ" position="1">…</str:Dimension>\n' +
        '  <str:Dimension id="REF_AREA" position="2">…</str:Dimension>\n  …\n  <str:TimeDimension id="TIME_PERIOD" position="7">…</str:TimeDimension>\n</str:DimensionList>',
    },
  },
};

export const ArchiveResponse = download(
  'A zip archive: README.txt (licence, citation), csv/<dataset>.csv (codes and names), sdmx-csv/<DATAFLOW>.csv (SDMX-CSV 2.0) and structures/<DATAFLOW>.xml (SDMX-ML 2.1) for every dataset with published figures. Its ETag changes with every publication; sent back as If-None-Match, it gets a 304.',
  ZIP_TYPE,
);
