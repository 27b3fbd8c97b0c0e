// The domains of the catalogue (firearms, drugs, justice, …): the `domain` every catalogue file
// belongs to, with the `label`, `description` and `sources` its files give. Several files may
// share a domain: the first label and description given win, the sources add up in file order.
import type { YamlNode } from '../platform/yaml.js';

export interface Domain {
  code: string;
  /** For people; null when no file of the domain gives one. */
  label: string | null;
  description: string | null;
  /** Where its definitions and figures come from, as the files list them. */
  sources: string[];
}

/** Records the domain of one catalogue file (its root mapping), merging with other files of the same domain. */
export function addDomain(domains: Map<string, Domain>, root: YamlNode, code: string): void {
  const domain = domains.get(code) ?? { code, label: null, description: null, sources: [] };
  domain.label ??= root.get('label').optionalString() ?? null;
  domain.description ??= root.get('description').optionalString() ?? null;
  for (const source of root.get('sources').strings()) if (!domain.sources.includes(source)) domain.sources.push(source);
  domains.set(code, domain);
}
