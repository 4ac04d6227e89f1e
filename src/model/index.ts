/**
 * ECR Public's API model, as the emulator and the gateway's own input checks read it: every limit,
 * pattern, member and declared error comes from here, none is retyped. The source is
 * ecr-public.smithy.json, a verbatim copy of shared/reference/ (.ci/run checks it still is).
 */

import smithy from './ecr-public.smithy.json';
import { extractModel } from './extract';
import type { ModelOperation, ModelShape } from './types';

const MODEL = extractModel(smithy as unknown as Parameters<typeof extractModel>[0]);

export type { ApiModel, ModelOperation, ModelShape } from './types';

export const SERVICE_NAME = MODEL.service;

export function modelShape(name: string): ModelShape {
  const shape = MODEL.shapes[name];
  if (!shape) throw new Error(`shape ${name} is not in the API model`);
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
