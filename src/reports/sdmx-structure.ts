// SDMX-ML 2.1 structure messages (pure), written from the dataflows of statistics/sdmx.ts — the
// same dataflows the SDMX-CSV files are written from, so that a structure names exactly the
// columns of its files. A message holds, in the order of the SDMX 2.1 schema: the dataflows, the
// code lists (with names; Kosovo's code carries its designation footnote), the concepts and the
// data structure definitions.
import type { Catalog } from '../statistics/catalog.js';
import {
  concepts,
  SDMX_AGENCY,
  SDMX_VERSION,
  type SdmxAttribute,
  type SdmxCode,
  type SdmxCodelist,
  type SdmxComponent,
  type SdmxDataflow,
} from '../statistics/sdmx.js';
import { el, xmlDocument, type XmlElement } from './xml.js';

const NS = {
  'xmlns:mes': 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message',
  'xmlns:str': 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure',
  'xmlns:com': 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common',
};
const CONCEPT_SCHEME = 'CS_JHAHUB';
const maintained = { agencyID: SDMX_AGENCY, version: SDMX_VERSION };
const name = (text: string) => el('com:Name', { 'xml:lang': 'en' }, text);

function header(id: string, prepared: string): XmlElement {
  return el(
    'mes:Header',
    {},
    el('mes:ID', {}, id),
    el('mes:Test', {}, 'false'),
    el('mes:Prepared', {}, prepared),
    el('mes:Sender', { id: SDMX_AGENCY }, name('JHA Hub')),
  );
}

function dataflow(flow: SdmxDataflow): XmlElement {
  return el(
    'str:Dataflow',
    { id: flow.id, ...maintained },
    name(flow.name),
    flow.description ? el('com:Description', { 'xml:lang': 'en' }, flow.description) : null,
    el('str:Structure', {}, el('Ref', { id: `DSD_${flow.id}`, ...maintained, package: 'datastructure', class: 'DataStructure' })),
  );
}

function code(c: SdmxCode): XmlElement {
  const annotations = c.footnote
    ? el(
        'com:Annotations',
        {},
        el('com:Annotation', {}, el('com:AnnotationType', {}, 'FOOTNOTE'), el('com:AnnotationText', { 'xml:lang': 'en' }, c.footnote)),
      )
    : null;
  return el('str:Code', { id: c.id }, annotations, name(c.name));
}

function codelist(list: SdmxCodelist): XmlElement {
  return el('str:Codelist', { id: list.id, ...maintained }, name(list.name), list.codes.map(code));
}

const conceptRef = (id: string) =>
  el(
    'str:ConceptIdentity',
    {},
    el('Ref', {
      id,
      maintainableParentID: CONCEPT_SCHEME,
      maintainableParentVersion: SDMX_VERSION,
      agencyID: SDMX_AGENCY,
      package: 'conceptscheme',
      class: 'Concept',
    }),
  );

function representation(c: SdmxComponent, textType: string): XmlElement {
  return el(
    'str:LocalRepresentation',
    {},
    c.codelist
      ? el('str:Enumeration', {}, el('Ref', { id: c.codelist.id, ...maintained, package: 'codelist', class: 'Codelist' }))
      : el('str:TextFormat', { textType, ...(textType === 'String' ? { maxLength: 2000 } : {}) }),
  );
}

function relationship(a: SdmxAttribute, measure: string): XmlElement {
  const to =
    a.attachment.kind === 'observation'
      ? el('str:PrimaryMeasure', {}, el('Ref', { id: measure }))
      : a.attachment.kind === 'dimension'
        ? el('str:Dimension', {}, el('Ref', { id: a.attachment.dimension }))
        : el('str:None');
  return el('str:AttributeRelationship', {}, to);
}

function dataStructure(flow: SdmxDataflow): XmlElement {
  const dimensions = flow.dimensions.map((d, i) =>
    el('str:Dimension', { id: d.id, position: i + 1 }, conceptRef(d.id), representation(d, 'String')),
  );
  const time = el(
    'str:TimeDimension',
    { id: flow.time.id, position: flow.dimensions.length + 1 },
    conceptRef(flow.time.id),
    representation(flow.time, 'ObservationalTimePeriod'),
  );
  const attributes = flow.attributes.map((a) =>
    el(
      'str:Attribute',
      { id: a.id, assignmentStatus: a.mandatory ? 'Mandatory' : 'Conditional' },
      conceptRef(a.id),
      representation(a, 'String'),
      relationship(a, flow.measure.id),
    ),
  );
  return el(
    'str:DataStructure',
    { id: `DSD_${flow.id}`, ...maintained },
    name(flow.name),
    el(
      'str:DataStructureComponents',
      {},
      el('str:DimensionList', { id: 'DimensionDescriptor' }, dimensions, time),
      el('str:AttributeList', { id: 'AttributeDescriptor' }, attributes),
      el(
        'str:MeasureList',
        { id: 'MeasureDescriptor' },
        el('str:PrimaryMeasure', { id: flow.measure.id }, conceptRef(flow.measure.id), representation(flow.measure, 'Double')),
      ),
    ),
  );
}

/** The code lists the dataflows use, each once (several dataflows share CL_AREA, CL_SEX, …). */
function codelistsOf(flows: SdmxDataflow[]): SdmxCodelist[] {
  const lists = new Map<string, SdmxCodelist>();
  for (const f of flows)
    for (const c of [...f.dimensions, ...f.attributes]) if (c.codelist && !lists.has(c.codelist.id)) lists.set(c.codelist.id, c.codelist);
  return [...lists.values()];
}

/**
 * The full structure of dataflows: the dataflows, their code lists, the concept scheme and their
 * data structure definitions. `prepared` is the message's time (ISO instant).
 */
export function structureMessage(catalog: Catalog, flows: SdmxDataflow[], prepared: string): string {
  return xmlDocument(
    el(
      'mes:Structure',
      NS,
      header(flows.length === 1 ? `STRUCTURE_${flows[0]!.id}` : 'STRUCTURES', prepared),
      el(
        'mes:Structures',
        {},
        el('str:Dataflows', {}, flows.map(dataflow)),
        el('str:Codelists', {}, codelistsOf(flows).map(codelist)),
        el(
          'str:Concepts',
          {},
          el(
            'str:ConceptScheme',
            { id: CONCEPT_SCHEME, ...maintained },
            name('JHA Hub concepts'),
            concepts(catalog).map((c) => el('str:Concept', { id: c.id }, name(c.name))),
          ),
        ),
        el('str:DataStructures', {}, flows.map(dataStructure)),
      ),
    ),
  );
}

/** The list of dataflows, each naming its data structure definition. */
export function dataflowsMessage(flows: SdmxDataflow[], prepared: string): string {
  return xmlDocument(
    el('mes:Structure', NS, header('DATAFLOWS', prepared), el('mes:Structures', {}, el('str:Dataflows', {}, flows.map(dataflow)))),
  );
}
