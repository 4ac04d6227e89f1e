/**
 * `Subscription.repositoryChanged` and its `RepositoryChange` (CONTRACT.md "What's new"): the
 * changes of one repository as the gateway's watcher finds them (src/watch), pushed to the
 * subscriber over SSE or graphql-ws. Arguments are checked before anything else; the stream is
 * opened through the request's context (SUBSCRIPTIONS_MAX, the repository looked up, its listing
 * against IMAGE_LISTING_CAP). `publicRepositoryChanged` waits for the registry API (README).
 */
import { listingCost } from '../cost';
import { badUserInput } from '../errors';
import type { ChangeEvent } from '../watch';
import { builder } from './builder';
import { ImageType } from './refs';
import { checkRegistryId, checkRepositoryName } from './support/inputs';

/** ImageTag's own bound (API model): a longer prefix matches no tag. */
const MAX_TAG_PREFIX = 300;

const RepositoryChangeKind = builder.enumType('RepositoryChangeKind', {
  description: 'What changed in a repository.',
  values: {
    IMAGE_PUSHED: { description: 'A new image (its tags are in `image`; no tag events for them).' },
    IMAGE_REMOVED: { description: 'An image was deleted (`imageDigest` its digest, `image` null).' },
    TAG_ADDED: { description: 'An image that stays gained a tag no image had.' },
    TAG_MOVED: { description: 'A tag moved to an image that stays (`previousImageDigest` where it came from).' },
    TAG_REMOVED: { description: 'A tag left an image that stays, and no image has it now.' },
  } as const,
});

const RepositoryChangeType = builder.objectRef<ChangeEvent>('RepositoryChange').implement({
  description: 'One change of a repository, found by comparing successive listings of it.',
  fields: (t) => ({
    kind: t.field({ type: RepositoryChangeKind, resolve: (e) => e.kind }),
    repositoryName: t.string({ resolve: (e) => e.repositoryName }),
    tag: t.string({ nullable: true, description: 'The tag concerned, for tag changes.', resolve: (e) => e.tag }),
    imageDigest: t.string({
      nullable: true,
      description: 'The image concerned (for TAG_MOVED, the one the tag moved to).',
      resolve: (e) => e.imageDigest,
    }),
    previousImageDigest: t.string({
      nullable: true,
      description: 'Where the tag was (TAG_MOVED, TAG_REMOVED), or the image removed (IMAGE_REMOVED).',
      resolve: (e) => e.previousImageDigest,
    }),
    image: t.field({
      type: ImageType,
      nullable: true,
      description: 'The image concerned, as the listing that showed the change described it; null once removed.',
      resolve: (e) => e.image,
    }),
    detectedAt: t.field({
      type: 'DateTime',
      description: 'When the gateway found the change: within WATCH_INTERVAL_MS of when it happened.',
      resolve: (e) => e.detectedAt,
    }),
  }),
});

builder.subscriptionType({
  description:
    'Changes pushed as they happen, over GraphQL over SSE (`Accept: text/event-stream`) or graphql-ws, on `/graphql`.',
});

builder.subscriptionField('repositoryChanged', (t) =>
  t.field({
    type: RepositoryChangeType,
    extensions: listingCost,
    description:
      "A repository's changes, one event each, in the order found: the gateway polls it every WATCH_INTERVAL_MS " +
      'for all subscribers at once. Silent until the first change. REPOSITORY_NOT_FOUND for no such repository; ' +
      'BAD_USER_INPUT past IMAGE_LISTING_CAP images; RATE_LIMITED past SUBSCRIPTIONS_MAX open subscriptions.',
    args: {
      repositoryName: t.arg.string({ required: true, description: 'The repository, such as `team/service`.' }),
      registryId: t.arg.string({ description: "Its registry's 12-digit id; default: the caller's own." }),
      tagPrefix: t.arg.string({
        description: 'Only changes of tags with this prefix, and image changes of images carrying one.',
      }),
    },
    subscribe: (_root, args, ctx) => {
      const repositoryName = checkRepositoryName(args.repositoryName);
      const registryId = checkRegistryId(args.registryId);
      const tagPrefix = args.tagPrefix ?? undefined;
      if (tagPrefix !== undefined && tagPrefix.length > MAX_TAG_PREFIX) {
        throw badUserInput(`tagPrefix must be at most ${MAX_TAG_PREFIX} characters long`);
      }
      return ctx.changes({ registryId, repositoryName }, tagPrefix === '' ? undefined : tagPrefix);
    },
    resolve: (event) => event,
  }),
);
