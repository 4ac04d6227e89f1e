/**
 * graphql-jit (@envelop/graphql-jit): a query executed more than once is compiled into a function
 * and runs through it from then on, with about half the CPU of graphql-js's interpreter on a page
 * of images (test/bench). Compiling costs more than one execution, so a document is compiled at
 * its `after`-th execution: one-off queries never pay for it. Only documents it answers exactly as
 * graphql-js does are compiled (jit-safe.ts), and its errors get back their locations
 * (jit-errors.ts).
 */
import { useGraphQlJit } from '@envelop/graphql-jit';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { locateErrors } from './jit-errors';
import { jitSafe } from './jit-safe';

export interface JitOptions {
  /** Compile a document at this execution of it; 1 compiles every one. @default 2 */
  after?: number;
}

export function useGatewayJit(options: JitOptions = {}): Plugin[] {
  const after = options.after ?? 2;
  // Documents come from Yoga's parse cache, so a repeated query is the same object.
  const seen = new WeakMap<DocumentNode, { executions: number; safe: boolean | undefined }>();
  const jit = useGraphQlJit(
    {},
    {
      enableIf: (args) => {
        let entry = seen.get(args.document);
        if (!entry) {
          entry = { executions: 0, safe: undefined };
          seen.set(args.document, entry);
        }
        entry.executions++;
        if (entry.executions < after) return false;
        entry.safe ??= jitSafe(args.schema, args.document);
        return entry.safe;
      },
    },
  ) as Plugin;
  const locations: Plugin = {
    onExecute: ({ args }) => ({
      onExecuteDone({ result, setResult }) {
        if (Symbol.asyncIterator in result || !result.errors?.length) return;
        const located = locateErrors(result.errors, args.document.loc?.source);
        if (located) setResult({ ...result, errors: located });
      },
    }),
  };
  return [jit, locations];
}
