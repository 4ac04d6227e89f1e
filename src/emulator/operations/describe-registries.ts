/**
 * DescribeRegistries: the fixture's registries in order. AWS lists only the caller's own registry;
 * the emulator lists every registry of its fixture so that a second one can be explored.
 */
import { defaultPageSize } from '../../model';
import { paginate } from '../pagination';
import { validateRequest } from '../request-validation';
import type { Store } from '../store';
import { tokenScope } from './common';

export function describeRegistries(raw: unknown, store: Store) {
  const input = validateRequest<{ nextToken?: string; maxResults?: number }>('DescribeRegistries', raw);
  const scope = tokenScope('DescribeRegistries', store.own.id);
  const { page, nextToken } = paginate(store.registries, input, scope, defaultPageSize('DescribeRegistries'));
  return { registries: page.map((r) => r.wire), nextToken };
}
