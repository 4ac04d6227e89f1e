/** The read operations the emulator answers (../shared/CONTRACT.md "The emulator"). */
export const SERVED_OPERATIONS = [
  'DescribeImages',
  'DescribeImageTags',
  'DescribeRegistries',
  'DescribeRepositories',
  'GetAuthorizationToken',
  'GetRegistryCatalogData',
  'GetRepositoryCatalogData',
  'ListTagsForResource',
] as const;

export type ServedOperation = (typeof SERVED_OPERATIONS)[number];
