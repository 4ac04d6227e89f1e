/**
 * `ImageTagOrder` and `ImageTagFilter`: the arguments of `Repository.imageTags` that ECR Public
 * cannot answer itself, applied by the data layer to the whole tag listing
 * (data/listings/tag-versions.ts, where the version rules live).
 */
import { builder } from './builder';
import { OrderDirection } from './image-order';

const ImageTagOrderField = builder.enumType('ImageTagOrderField', {
  description: 'What to order tags by.',
  values: {
    SEMVER: {
      description:
        'Semantic version precedence (semver.org) of `version`; tags that are no version come last in either direction.',
    },
    CREATED_AT: { description: 'When the tag was created (`createdAt`).' },
    NAME: { description: 'The tag itself, in code-unit (byte) order.' },
  } as const,
});

export const ImageTagOrder = builder.inputType('ImageTagOrder', {
  description:
    'How to order tags, such as `{ field: SEMVER, direction: DESC }` for the highest version first. Tags with the ' +
    'same value (`1.0.0` and `v1.0.0`), or without one (listed last), follow in tag-name order.',
  fields: (t) => ({
    field: t.field({ type: ImageTagOrderField, required: true, description: 'What to order by.' }),
    direction: t.field({ type: OrderDirection, required: true, description: 'Which way.' }),
  }),
});

export const ImageTagFilter = builder.inputType('ImageTagFilter', {
  description: 'Which tags to keep. Every condition given must hold; an empty filter keeps every tag.',
  fields: (t) => ({
    prefix: t.string({ description: 'Only tags that start with this text, case-sensitive.' }),
    versions: t.string({
      description:
        'Only tags whose `version` satisfies this npm semver range, such as `>=1.4 <2` or `^2.1` (prereleases only ' +
        'where the range names them, as `semver.satisfies` does). A malformed range is `BAD_USER_INPUT`.',
    }),
  }),
});
