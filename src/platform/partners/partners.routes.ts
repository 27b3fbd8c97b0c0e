// HTTP for the partner list and a partner's organisational units (public reference data).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../errors.js';
import { PUBLIC } from '../http/access.js';
import { partnerName } from '../i18n/catalog-texts.js';
import { PartnerCode } from '../users/users.schema.js';
import { findPartner, listOrgUnits, listPartners } from './partners.service.js';

export const partnersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partners',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['partners'],
        summary: 'The EU, the six Western Balkan partners and the EU member states',
        response: {
          200: Type.Object({ partners: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), group: Type.String() })) }),
        },
      },
    },
    // Names in the caller's language (catalogs/i18n), English where untranslated.
    async (request) => ({
      partners: (await listPartners(app.db)).map((p) => ({
        code: p.code,
        name: partnerName(request.locale, p.code, p.name),
        group: p.group_code,
      })),
    }),
  );

  app.get(
    '/partners/:partner/org-units',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['partners'],
        summary: 'Organisational units (courts, reception centres, …) of one partner',
        params: Type.Object({ partner: PartnerCode }),
        response: {
          200: Type.Object({
            orgUnits: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                kind: Type.String(),
                parent: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const code = request.params.partner.toUpperCase();
      if (!(await findPartner(app.db, code))) throw new NotFoundError('Partner', code);
      const units = await listOrgUnits(app.db, code);
      return { orgUnits: units.map((u) => ({ code: u.code, name: u.name, kind: u.kind, parent: u.parent_code })) };
    },
  );
};
