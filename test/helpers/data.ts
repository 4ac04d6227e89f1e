import type { GraphQLResponse } from './stack';

/** A root field of a response's data, typed as the test expects it (a missing one fails the test where used). */
export const dataOf = <T>(response: GraphQLResponse, field: string): T => response.data?.[field] as T;
