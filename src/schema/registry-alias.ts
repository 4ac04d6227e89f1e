/** `RegistryAlias`: a name a registry is reachable by, from DescribeRegistries' `aliases`. */
import { RegistryAliasType } from './refs';
import { member } from './support/fields';

RegistryAliasType.implement({
  description:
    'A name a registry is reachable by in `public.ecr.aws/<alias>/...`. A registry has at most one primary ' +
    "alias, the one its repositories' URIs use.",
  fields: (t) => ({
    name: t.string({ description: 'The alias itself, such as `acme`.', resolve: member('name') }),
    status: t.string({
      description: '`ACTIVE` once usable; `PENDING` while AWS reviews it; `REJECTED` if it was refused.',
      resolve: member('status'),
    }),
    primaryRegistryAlias: t.boolean({
      description: "True for the alias shown in the registry's and its repositories' URIs.",
      resolve: (alias) => alias.primaryRegistryAlias ?? false,
    }),
    defaultRegistryAlias: t.boolean({
      description: 'True for the alias AWS assigned when the registry was created.',
      resolve: (alias) => alias.defaultRegistryAlias ?? false,
    }),
  }),
});
