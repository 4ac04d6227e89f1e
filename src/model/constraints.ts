/**
 * A shape's length, range and pattern, for the gateway's own input checks, as the API model
 * states them (e.g. `constraintsOf('RepositoryName')`).
 */
import { modelShape } from './index';

export interface ShapeConstraints {
  /** length of a string, or item count of a list */
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: RegExp;
}

export function constraintsOf(name: string): ShapeConstraints {
  const { length, range, pattern } = modelShape(name);
  return {
    ...(length ? { length } : {}),
    ...(range ? { range } : {}),
    ...(pattern ? { pattern: new RegExp(pattern) } : {}),
  };
}
