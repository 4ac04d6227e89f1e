/** `ResourceTag`: a key-value label on a repository (ListTagsForResource), for `Repository.resourceTags`. */
import { ResourceTagType } from './refs';
import { member } from './support/fields';

ResourceTagType.implement({
  description: 'A key-value label the repository owner set on the repository, such as `team: web`.',
  fields: (t) => ({
    key: t.string({ description: 'The label, such as `team`.', resolve: member('Key') }),
    value: t.string({
      description: 'Its value, such as `web`; may be empty.',
      resolve: (tag) => tag.Value ?? '',
    }),
  }),
});
