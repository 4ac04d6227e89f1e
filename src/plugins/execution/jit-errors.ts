/**
 * graphql-jit's errors carry `locations` but not the `source` and `positions` they come from, so
 * Yoga, which rebuilds every error from those, would drop them: they are rebuilt here, as
 * graphql-js has them.
 */
import { GraphQLError, type Source } from 'graphql';

/** Offsets in `source` of 1-based line and column pairs. */
function positionsOf(source: Source, locations: readonly { line: number; column: number }[]): number[] {
  const starts = [0];
  for (let i = 0; i < source.body.length; i++) if (source.body[i] === '\n') starts.push(i + 1);
  return locations.map(({ line, column }) => (starts[line - 1] ?? 0) + column - 1);
}

/** graphql-jit's errors as graphql-js makes them: with the source and positions behind `locations`. */
export function locateErrors(errors: readonly GraphQLError[], source: Source | undefined): GraphQLError[] | undefined {
  if (!source || !errors.some((error) => error.locations?.length && !error.positions)) return undefined;
  return errors.map((error) =>
    error.locations?.length && !error.positions
      ? new GraphQLError(error.message, {
          source,
          positions: positionsOf(source, error.locations),
          path: error.path ?? null,
          originalError: error.originalError ?? null,
          extensions: error.extensions,
        })
      : error,
  );
}
