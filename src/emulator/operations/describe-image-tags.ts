/** DescribeImageTags: a page of a repository's tags, images in fixture order and each image's tags in order. */

import { defaultPageSize } from '../../model';
import { JsonList } from '../json';
import { paginate } from '../pagination';
import { validateRequest } from '../request-validation';
import type { Store } from '../store';
import { findRepository, tokenScope } from './common';

interface DescribeImageTagsInput {
  registryId?: string;
  repositoryName: string;
  nextToken?: string;
  maxResults?: number;
}

export function describeImageTags(raw: unknown, store: Store) {
  const input = validateRequest<DescribeImageTagsInput>('DescribeImageTags', raw);
  const repository = findRepository(store, input.registryId, input.repositoryName);
  const scope = tokenScope('DescribeImageTags', repository.registryId, repository.name);
  const { page, nextToken } = paginate(repository.tagDetails(), input, scope, defaultPageSize('DescribeImageTags'));
  return { imageTagDetails: new JsonList(page), nextToken };
}
