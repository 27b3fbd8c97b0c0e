// Open data: the SDMX-ML structures parse as XML and name every column of the SDMX-CSV files; the
// bulk download unzips into the published datasets, their structures and a README; public reads
// are open to other origins.
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { cliActor } from '../platform/audit/actor.js';
import { importOrgUnits } from '../platform/partners/org-units.service.js';
import { unpack, zipEntries } from '../statistics/zip-parts.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { bearer, makeUser, ORG_UNIT_KINDS, type TestUser } from '../testing/factories.js';
import { publishedSubmission, saveDraft } from '../testing/submissions.js';

const KOSOVO =
  'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) =>
    [
      'str:Dataflow',
      'str:Codelist',
      'str:Code',
      'str:Concept',
      'str:DataStructure',
      'str:Dimension',
      'str:Attribute',
      'com:Annotation',
    ].includes(name),
});

type Node = Record<string, any>;

/** The unpacked entries of a zip archive, by name, in the archive's order. */
async function unzip(bytes: Buffer): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of zipEntries(bytes)) {
    const chunks: Buffer[] = [];
    for await (const chunk of unpack(bytes, entry)) chunks.push(chunk);
    out.set(entry.name, Buffer.concat(chunks).toString('utf8'));
  }
  return out;
}

describeEachDatabase('open data: SDMX structures and the bulk download', (get) => {
  let app: FastifyInstance;
  let al: TestUser, rs: TestUser, reviewer: TestUser, commission: TestUser;

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    al = await makeUser(get().db, 'coordinator', 'AL');
    rs = await makeUser(get().db, 'coordinator', 'RS');
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    await importOrgUnits(get().db, cliActor(), 'code,name,partner,kind,parent\nAL-C1,Tirana District Court,AL,court,\n', ORG_UNIT_KINDS);
    await publishedSubmission(
      app,
      { coordinator: al, reviewer, commission },
      { dataset: 'justice.annual', partner: 'AL', period: '2033' },
      [
        { variable: 'cases.incoming', value: 100, obsStatus: 'P' },
        {
          variable: 'cases.incoming',
          orgUnit: 'AL-C1',
          coords: { case_category: 'civil_litigious', instance: 'first' },
          value: 60,
          obsStatus: 'E',
        },
      ],
    );
    await saveDraft(app, rs, { dataset: 'justice.annual', partner: 'RS', period: '2033' }, [{ variable: 'cases.incoming', value: 555 }]);
  });
  afterAll(async () => app.close());

  const inject = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  it('serves a structure message that parses as XML and names exactly the columns of the SDMX-CSV file', async () => {
    const answer = await inject('/sdmx/structure/JUSTICE_ANNUAL');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/vnd.sdmx.structure+xml; version=2.1');
    expect(XMLValidator.validate(answer.body)).toBe(true);
    const message = xml.parse(answer.body)['mes:Structure'] as Node;
    expect(message['mes:Header']['mes:Sender'].id).toBe('JHAHUB');
    const structures = message['mes:Structures'] as Node;
    expect(Object.keys(structures)).toEqual(['str:Dataflows', 'str:Codelists', 'str:Concepts', 'str:DataStructures']);
    const flow = structures['str:Dataflows']['str:Dataflow'][0];
    expect([flow.id, flow.agencyID, flow.version, flow['com:Name']['#text']]).toEqual([
      'JUSTICE_ANNUAL',
      'JHAHUB',
      '1.0',
      'CEPEJ annual evaluation',
    ]);
    expect(flow['str:Structure'].Ref.id).toBe('DSD_JUSTICE_ANNUAL');

    const dsd = structures['str:DataStructures']['str:DataStructure'][0]['str:DataStructureComponents'];
    const dimensions = dsd['str:DimensionList']['str:Dimension'].map((d: Node) => d.id);
    const time = dsd['str:DimensionList']['str:TimeDimension'].id;
    const measure = dsd['str:MeasureList']['str:PrimaryMeasure'].id;
    const attributes = dsd['str:AttributeList']['str:Attribute'].map((a: Node) => a.id);
    const csv = (await inject('/exports/values?dataset=justice.annual&format=sdmx-csv')).body;
    const header = csv.split('\r\n')[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['STRUCTURE', 'STRUCTURE_ID', 'ACTION']);
    expect([...dimensions, time, measure, ...attributes]).toEqual(header.slice(3));
    expect(dimensions).toEqual(['FREQ', 'REF_AREA', 'ORG_UNIT', 'VARIABLE', 'CASE_CATEGORY', 'INSTANCE']);

    // Every coded component refers to a code list of the message, and every component to a concept.
    const codelists = new Map<string, Node>(structures['str:Codelists']['str:Codelist'].map((c: Node) => [c.id, c]));
    const concepts = new Set(structures['str:Concepts']['str:ConceptScheme']['str:Concept'].map((c: Node) => c.id));
    for (const component of [...dsd['str:DimensionList']['str:Dimension'], ...dsd['str:AttributeList']['str:Attribute']]) {
      expect(concepts.has(component['str:ConceptIdentity'].Ref.id)).toBe(true);
      const enumeration = component['str:LocalRepresentation']['str:Enumeration'];
      if (enumeration) expect(codelists.has(enumeration.Ref.id), enumeration.Ref.id).toBe(true);
    }
    const codes = (list: string) => codelists.get(list)!['str:Code'].map((c: Node) => [c.id, c['com:Name']['#text']]);
    expect(codes('CL_ORG_UNIT_JUSTICE_ANNUAL')).toEqual([
      ['_Z', 'The partner as a whole'],
      ['AL-C1', 'Tirana District Court'],
    ]);
    expect(codes('CL_INSTANCE')).toEqual([
      ['FIRST', 'First instance'],
      ['SECOND', 'Second instance (appeal)'],
      ['HIGHEST', 'Highest instance'],
      ['_T', 'Total'],
      ['_Z', 'Not applicable'],
    ]);
    const kosovo = codelists.get('CL_AREA')!['str:Code'].find((c: Node) => c.id === 'XK');
    expect(kosovo['com:Name']['#text']).toBe('Kosovo');
    expect(kosovo['com:Annotations']['com:Annotation'][0]['com:AnnotationType']).toBe('FOOTNOTE');
    expect(kosovo['com:Annotations']['com:Annotation'][0]['com:AnnotationText']['#text']).toBe(KOSOVO);
    // Every row of the file uses codes of those lists.
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.REF_AREA, r.ORG_UNIT, r.VARIABLE, r.CASE_CATEGORY, r.INSTANCE, r.OBS_VALUE, r.OBS_STATUS])).toEqual([
      ['AL', '_Z', 'CASES_INCOMING', '_T', '_T', '100', 'P'],
      ['AL', 'AL-C1', 'CASES_INCOMING', 'CIVIL_LITIGIOUS', 'FIRST', '60', 'E'],
    ]);
    for (const r of rows) expect(codes('CL_AREA').map((c: string[]) => c[0])).toContain(r.REF_AREA);
  });

  it('names Eurostat’s codes in the migration code lists, lists every dataflow, and answers 404 for an unknown one', async () => {
    const unknown = await inject('/sdmx/structure/NO_SUCH_FLOW');
    expect(unknown.statusCode).toBe(404);
    const monthly = xml.parse((await inject('/sdmx/structure/MIGRATION_MONTHLY')).body)['mes:Structure']['mes:Structures'];
    const sex = monthly['str:Codelists']['str:Codelist'].find((c: Node) => c.id === 'CL_SEX');
    expect(sex['str:Code'].map((c: Node) => [c.id, c['com:Name']['#text']])).toEqual([
      ['F', 'Female'],
      ['M', 'Male'],
      ['UNK', 'Unknown'],
      ['T', 'Total'],
      ['_Z', 'Not applicable'],
    ]);
    const indicator = xml.parse((await inject('/sdmx/structure/IND_JUSTICE_CLEARANCE_RATE')).body)['mes:Structure']['mes:Structures'];
    const unit = indicator['str:DataStructures']['str:DataStructure'][0]['str:DataStructureComponents']['str:AttributeList'][
      'str:Attribute'
    ].find((a: Node) => a.id === 'UNIT_MEASURE');
    expect(unit.assignmentStatus).toBe('Mandatory');
    const list = await inject('/sdmx/dataflows');
    expect(XMLValidator.validate(list.body)).toBe(true);
    const flows = xml.parse(list.body)['mes:Structure']['mes:Structures']['str:Dataflows']['str:Dataflow'].map((f: Node) => f.id);
    expect(flows.slice(0, 3)).toEqual(['JUSTICE_ANNUAL', 'MIGRATION_MONTHLY', 'MIGRATION_RECEPTION']);
    expect(flows).toContain('IND_JUSTICE_CLEARANCE_RATE');
    expect(flows.length).toBe(app.catalog.datasets.size + app.catalog.indicators.size);
  });

  it('streams every published dataset as CSV and SDMX-CSV with its structure and a README, with an ETag', async () => {
    const answer = await inject('/exports/published.zip');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="jha-hub-published-data.zip"');
    const files = await unzip(answer.rawPayload);
    // justice.annual is the one dataset with published figures here.
    expect([...files.keys()]).toEqual([
      'csv/justice.annual.csv',
      'sdmx-csv/JUSTICE_ANNUAL.csv',
      'structures/JUSTICE_ANNUAL.xml',
      'README.txt',
    ]);
    expect(files.get('sdmx-csv/JUSTICE_ANNUAL.csv')).toBe((await inject('/exports/values?dataset=justice.annual&format=sdmx-csv')).body);
    expect(files.get('csv/justice.annual.csv')).toBe((await inject('/exports/values?dataset=justice.annual&labels=both')).body);
    const labelled = parse(files.get('csv/justice.annual.csv')!, { columns: true }) as Record<string, string>[];
    expect(
      labelled.map((r) => [r.partner_name, r.org_unit_name, r.variable_name, r.case_category_name, r.value, r.obs_status, r.status]),
    ).toEqual([
      ['Albania', '', 'Incoming cases', 'Total', '100', 'P', 'published'],
      ['Albania', 'Tirana District Court', 'Incoming cases', 'Civil and commercial litigious', '60', 'E', 'published'],
    ]);
    expect(files.get('sdmx-csv/JUSTICE_ANNUAL.csv')).not.toContain(',RS,');
    const prepared = (text: string) => text.replace(/<mes:Prepared>[^<]*<\/mes:Prepared>/, '');
    expect(prepared(files.get('structures/JUSTICE_ANNUAL.xml')!)).toBe(prepared((await inject('/sdmx/structure/JUSTICE_ANNUAL')).body));
    const release = await get().db.selectFrom('releases').select('published_at').executeTakeFirstOrThrow();
    const readme = files.get('README.txt')!.split('\r\n');
    expect(readme).toContain(`Figures as published on ${release.published_at.slice(0, 10)} (last release ${release.published_at}).`);
    expect(readme).toContain('- CEPEJ annual evaluation (justice.annual; SDMX dataflow JHAHUB:JUSTICE_ANNUAL(1.0)): 2 values');
    expect(readme).toContain('Creative Commons Attribution 4.0 International (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/');
    expect(readme).toContain(
      `JHA Hub, EU–Western Balkans cooperation on Justice and Home Affairs: published data (bulk download), figures as published on ${release.published_at.slice(0, 10)}, http://localhost:8080/api/v1/exports/published.zip (CC BY 4.0).`,
    );
    expect(readme).toContain(`Kosovo: ${KOSOVO}`);
    expect(readme).toContain('- NQ -> Q (Missing value; suppressed)');

    const etag = answer.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect((await inject('/exports/published.zip', { 'if-none-match': etag })).statusCode).toBe(304);
    const head = await app.inject({ method: 'HEAD', url: '/api/v1/exports/published.zip' });
    expect([head.statusCode, head.headers['content-type'], head.headers.etag]).toEqual([200, 'application/zip', etag]);
    // The same for a signed-in caller: published figures only.
    const inside = await app.inject({ method: 'GET', url: '/api/v1/exports/published.zip', headers: bearer(commission) });
    expect((await unzip(inside.rawPayload)).get('sdmx-csv/JUSTICE_ANNUAL.csv')).toBe(files.get('sdmx-csv/JUSTICE_ANNUAL.csv'));
  });

  it('lets other origins read public answers with GET and HEAD, without credentials, and nothing else', async () => {
    const origin = { origin: 'https://portal.example.org' };
    const read = await inject('/sdmx/dataflows', origin);
    expect(read.headers['access-control-allow-origin']).toBe('*');
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    expect(read.headers['access-control-expose-headers']).toBe('ETag, Content-Disposition, X-Request-Id');
    const head = await app.inject({ method: 'HEAD', url: '/api/v1/indicators', headers: origin });
    expect(head.headers['access-control-allow-origin']).toBe('*');
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/exports/published.zip',
      headers: { ...origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    expect(preflight.headers['access-control-allow-headers']).toBe('If-None-Match');
    // Signed-in routes and changes get no CORS headers.
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { ...origin, ...bearer(al) } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['access-control-allow-origin']).toBeUndefined();
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: origin,
      payload: { email: 'x@example.org', password: 'wrong' },
    });
    expect(login.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('documents the new endpoints with their media types and examples', async () => {
    const doc = (await app.inject('/api/docs/json')).json();
    const paths = doc.paths as Record<string, Node>;
    const route = (path: string) => paths[path]!.get.responses[200].content;
    expect(Object.keys(route('/api/v1/exports/published.zip'))).toEqual(['application/zip']);
    const structure = route('/api/v1/sdmx/structure/{dataflow}');
    expect(Object.keys(structure)).toEqual(['application/vnd.sdmx.structure+xml; version=2.1']);
    const exports = route('/api/v1/exports/values');
    expect(exports['application/vnd.sdmx.data+csv; version=2.0.0'].example).toMatch(/^STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA/);
    const indicator = route('/api/v1/indicators/{code}/values');
    expect(indicator['text/csv'].example).toMatch(/^indicator,indicator_name,partner,partner_name/);
    expect(route('/api/v1/sdmx/dataflows')['application/vnd.sdmx.structure+xml; version=2.1'].example).toContain('JUSTICE_ANNUAL');
  });
});
