/**
 * Constraints of ECR Public's API model (src/model/ecr-public.smithy.json, a copy of
 * shared/reference/): the one source of lengths, patterns and ranges for both the emulator
 * and the gateway's own input checks. Nothing here is retyped by hand.
 */
import model from './ecr-public.smithy.json';

const NAMESPACE = 'com.amazonaws.ecrpublic#';

interface SmithyShape {
  type: string;
  member?: { target: string };
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  traits?: Record<string, unknown>;
}

const shapes = (model as unknown as { shapes: Record<string, SmithyShape> }).shapes;

export interface ShapeConstraints {
  /** length of a string, or item count of a list */
  length?: { min?: number; max?: number };
  range?: { min?: number; max?: number };
  pattern?: RegExp;
}

/** The model's shape by its short name (`RepositoryName`); throws on a name the model lacks. */
export function shape(name: string): SmithyShape {
  const found = shapes[NAMESPACE + name];
  if (!found) throw new Error(`ECR Public model has no shape ${name}`);
  return found;
}

/** Length, range and pattern traits of a shape, e.g. `constraintsOf('RepositoryName')`. */
export function constraintsOf(name: string): ShapeConstraints {
  const traits = shape(name).traits ?? {};
  const out: ShapeConstraints = {};
  const length = traits['smithy.api#length'] as ShapeConstraints['length'];
  const range = traits['smithy.api#range'] as ShapeConstraints['range'];
  const pattern = traits['smithy.api#pattern'] as string | undefined;
  if (length) out.length = length;
  if (range) out.range = range;
  if (pattern) out.pattern = new RegExp(pattern);
  return out;
}
