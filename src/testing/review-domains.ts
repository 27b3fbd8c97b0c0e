// The reviewer domains of the shipped product: every catalogue's domain and the modules' own
// (commitments, rule of law), sorted. One list for the tests of the places that offer them.
export const SHIPPED_REVIEW_DOMAINS = [
  'commitments',
  'digital_justice',
  'domestic_violence',
  'drugs',
  'firearms',
  'justice',
  'migration',
  'organised_crime',
  'remote_hearings',
  'rule_of_law',
];
