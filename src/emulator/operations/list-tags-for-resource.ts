/** ListTagsForResource: a repository's resource tags, by its ARN. */
import { invalidParameter, validateRequest } from '../request-validation';
import type { Store } from '../store';
import { findRepository } from './common';

// arn:aws:ecr-public::<registryId>:repository/<name>, the only taggable resource of ECR Public.
const REPOSITORY_ARN = /^arn:aws:ecr-public::([0-9]{12}):repository\/(.+)$/;

export function listTagsForResource(raw: unknown, store: Store) {
  const input = validateRequest<{ resourceArn: string }>('ListTagsForResource', raw);
  const match = REPOSITORY_ARN.exec(input.resourceArn);
  const [, registryId, repositoryName] = match ?? [];
  // Wording as ECR answers a malformed ARN (also moto's moto/ecr/models.py).
  if (!registryId || !repositoryName) throw invalidParameter('resourceArn', 'Invalid ARN');
  const repository = findRepository(store, registryId, repositoryName);
  return { tags: repository.tags.map((t) => ({ ...t })) };
}
