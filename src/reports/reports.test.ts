// The partner profile: published figures only, against a median that says whom it covers; the
// same page as HTML and as a tagged PDF whose text a PDF reader extracts; 503 without Chromium.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { closePdfPrinter } from '../platform/pdf/pdf-printer.js';
import { describeEachDatabase, testConfig } from '../testing/databases.js';
import { makeUser, type TestUser } from '../testing/factories.js';
import { readPdf } from '../testing/pdf.js';
import { publishedSubmission, saveDraft } from '../testing/submissions.js';

describeEachDatabase('partner profile', (get) => {
  let app: FastifyInstance;
  let reviewer: TestUser, commission: TestUser;
  const coordinators = new Map<string, TestUser>();

  const justice = (incoming: number, resolved: number) => [
    { variable: 'cases.incoming', value: incoming },
    { variable: 'cases.resolved', value: resolved },
  ];
  const publish = async (partner: string, period: string, incoming: number, resolved: number) =>
    publishedSubmission(
      app,
      { coordinator: coordinators.get(partner)!, reviewer, commission },
      { dataset: 'justice.annual', partner, period },
      justice(incoming, resolved),
    );

  beforeAll(async () => {
    app = await buildApp({ config: testConfig(get().config), db: get().db, logger: false });
    reviewer = await makeUser(get().db, 'reviewer');
    commission = await makeUser(get().db, 'commission');
    for (const p of ['AL', 'BA', 'ME', 'MK', 'RS']) coordinators.set(p, await makeUser(get().db, 'coordinator', p));
    // 2023: AL 98 %, BA 100 %, ME 90 %, MK 110 % published (median 99 over 4 partners); RS only a draft.
    await publish('AL', '2023', 1000, 980);
    await publish('BA', '2023', 1000, 1000);
    await publish('ME', '2023', 1000, 900);
    await publish('MK', '2023', 1000, 1100);
    await saveDraft(app, coordinators.get('RS')!, { dataset: 'justice.annual', partner: 'RS', period: '2023' }, justice(1000, 2000));
    // An older figure of Albania's does not hide its latest; Bosnia and Herzegovina alone in 2024: no median.
    await publish('AL', '2022', 1000, 1200);
    await publish('BA', '2024', 1000, 800);
  });
  afterAll(async () => {
    await app.close();
    await closePdfPrinter();
  });

  it('shows the latest published figure against the median of the partners that published, never a draft', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/al' });
    expect(answer.statusCode).toBe(200);
    const profile = answer.json();
    expect(profile.partner).toEqual({ code: 'AL', name: 'Albania', footnote: null });
    const justiceBlock = profile.figures.find((b: { domain: string }) => b.domain === 'justice');
    expect(justiceBlock.rows.find((r: { indicator: string }) => r.indicator === 'justice.clearance_rate')).toEqual({
      indicator: 'justice.clearance_rate',
      label: 'Clearance rate',
      unit: '%',
      period: '2023',
      value: 98,
      median: 99,
      members: 4,
      required: 4,
      medianReason: null,
      position: 'worse',
      revised: false,
    });
    expect(justiceBlock.releasedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The commitments name their source too; no reporting round is published here.
    expect(profile.commitments).toMatchObject({ source: expect.stringMatching(/^Progress reports of the partner/), releasedAt: null });
    const rs = (await app.inject({ method: 'GET', url: '/api/v1/reports/partners/RS' })).json();
    expect(rs.figures.find((b: { domain: string }) => b.domain === 'justice').rows).toEqual([]);
  });

  it('gives no median below the coverage and says how many partners published', async () => {
    const ba = (await app.inject({ method: 'GET', url: '/api/v1/reports/partners/BA' })).json();
    const row = ba.figures[0].rows.find((r: { indicator: string }) => r.indicator === 'justice.clearance_rate');
    expect(row).toMatchObject({ period: '2024', value: 80, median: null, members: 1, required: 4, position: null });
    expect(row.medianReason).toMatch(/^1 of 6 partners reported/);
  });

  it('names Kosovo with its designation footnote, and answers 404 for a code that is no partner', async () => {
    const xk = (await app.inject({ method: 'GET', url: '/api/v1/reports/partners/XK' })).json();
    expect(xk.partner.footnote).toBe(
      'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.',
    );
    const html = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/XK.html' });
    expect(html.body).toContain('<h1>Kosovo*</h1>');
    expect(html.body).toContain('* This designation is without prejudice');
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/partners/ZZ' })).statusCode).toBe(404);
  });

  it('prints the profile as a tagged PDF whose text holds the partner and its published clearance rate', async () => {
    const answer = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.pdf' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await readPdf(answer.rawPayload);
    expect(pdf.text).toContain('Albania');
    expect(pdf.text).toMatch(/Clearance rate 2023 98 % 99 % \(4 of 6 partners\) worse than the median/);
    expect(pdf.text).not.toContain('200 %');
    expect(pdf.tagged).toBe(true);
    // The font with the region's letters (ë, ç, š, đ, Cyrillic) is embedded, not left to the reader.
    expect(answer.rawPayload.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    expect(pdf.outline).toEqual(['Albania']);
  });

  it('prints the profile in Albanian when asked: its texts, numbers and dates in the language, the font with ë and ç embedded', async () => {
    const html = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.html?lang=sq' });
    expect(html.body).toContain('<html lang="sq">');
    expect(html.body).toContain('<th scope="col">Treguesi</th><th scope="col">Periudha</th>');
    const answer = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.pdf?lang=sq' });
    expect(answer.statusCode).toBe(200);
    const pdf = await readPdf(answer.rawPayload);
    expect(pdf.text).toContain('Performanca e sistemit të drejtësisë (metoda CEPEJ)');
    expect(pdf.text).toMatch(/Clearance rate 2023 98 % 99 % \(4 nga 6 partnerë\) më keq se mediana/);
    expect(pdf.text).toContain(
      'Medianat llogariten për çdo periudhë mbi partnerët e Ballkanit Perëndimor që publikuan shifra; asnjë mediane nuk tregohet nën mbulimin e treguesit.',
    );
    expect(pdf.text).toContain('Rekomandimet për sundimin e ligjit Asnjë e regjistruar.');
    expect(answer.rawPayload.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/);
    // An unknown language is English, not an error.
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.html?lang=xx' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('<th scope="col">Indicator</th>');
  });

  it('answers 503 naming what is missing when the server has no Chromium, and keeps serving', async () => {
    await closePdfPrinter();
    const before = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const answer = await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.pdf' });
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error).toMatchObject({
        code: 'pdf_unavailable',
        message: 'PDFs need Chromium, which is not installed here (/nonexistent/chromium); the HTML version of this document works.',
      });
    } finally {
      if (before === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = before;
    }
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/partners/AL.html' })).statusCode).toBe(200);
  });
});
