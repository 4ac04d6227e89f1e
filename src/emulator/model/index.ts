/**
 * The API model as the emulator reads it: ecr-public.json, extracted from
 * shared/reference/ecr-public.smithy.json by generate.ts. Every limit, pattern, member and declared
 * error the emulator enforces comes from here.
 */
import modelJson from './ecr-public.json';
import type { ApiModel, ModelOperation, ModelShape } from './types';

// A JSON import widens literal types; the generator's ApiModel type is the contract of the file.
const MODEL = modelJson as ApiModel;

export { SERVED_OPERATIONS, type ServedOperation } from './served-operations';
export type { ApiModel, ModelOperation, ModelShape } from './types';

export const SERVICE_NAME = MODEL.service;

export function modelShape(name: string): ModelShape {
  const shape = MODEL.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the emulator's model`);
  return shape;
}

export function modelOperation(name: string): ModelOperation | undefined {
  return Object.hasOwn(MODEL.operations, name) ? MODEL.operations[name] : undefined;
}

/** `smithy.api#error` of a modelled error: 'client' (HTTP 400) or 'server' (HTTP 500). */
export function modelErrorKind(name: string): 'client' | 'server' | undefined {
  return Object.hasOwn(MODEL.errors, name) ? MODEL.errors[name] : undefined;
}

/** The default page size the model documents for a paginated operation ("returns up to 100 results"). */
export function defaultPageSize(operation: string): number {
  const size = modelOperation(operation)?.paginated?.defaultPageSize;
  if (size === undefined) throw new Error(`${operation} is not paginated in the model`);
  return size;
}

/** Length limits of a list or string shape, e.g. the 100 ids of ImageIdentifierList. */
export function lengthOf(name: string): { min: number; max: number } {
  const { length } = modelShape(name);
  return { min: length?.min ?? 0, max: length?.max ?? Number.POSITIVE_INFINITY };
}
