// Import boundaries (see ARCHITECTURE.md, "Layers"): `npm run lint` fails on any of these.
// Capabilities are the folders under src/ other than platform, app, cli and testing.
const CAPABILITIES = '(statistics|justice|migration|commitments|meetings|reports|rule_of_law)';
const TESTS = '(\\.test\\.ts$|^src/testing/)';

module.exports = {
  forbidden: [
    {
      name: 'platform-imports-capability',
      comment: 'platform/ is the ground floor: it imports no capability and not the composition root.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: `^src/(${CAPABILITIES.slice(1, -1)}|app|cli)/` },
    },
    // One rule per capability: its repositories are used by its own services and repositories only.
    ...CAPABILITIES.slice(1, -1)
      .split('|')
      .map((cap) => ({
        name: `repository-outside-own-services:${cap}`,
        comment: `The ${cap} repositories are used only by ${cap}'s services (and repositories, and tests); other capabilities use its services.`,
        severity: 'error',
        from: { pathNot: [`^src/${cap}/[^/]*\\.(service|repository)\\.ts$`, TESTS] },
        to: { path: `^src/${cap}/[^/]*\\.repository\\.ts$` },
      })),
    {
      name: 'platform-repository-outside-platform-services',
      comment: "The platform's repositories are used only by the platform's services (and repositories, and tests).",
      severity: 'error',
      from: { pathNot: ['^src/platform/.*\\.(service|repository)\\.ts$', TESTS] },
      to: { path: '^src/platform/.*\\.repository\\.ts$' },
    },
    ...CAPABILITIES.slice(1, -1)
      .split('|')
      .map((cap) => ({
        name: `tables-of-another-capability:${cap}`,
        comment: `The ${cap} row types are its own: other capabilities go through its services.`,
        severity: 'error',
        from: { path: `^src/${CAPABILITIES}/`, pathNot: [`^src/${cap}/`, TESTS] },
        to: { path: `^src/${cap}/tables\\.ts$` },
      })),
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|web|e2e)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
  },
};
