/**
 * The committed SDL in schema/: what the code prints (codegen.ts, run in --check mode), and the
 * client schema free of the federation members that the subgraph endpoint keeps for routers.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema, isScalarType, isSpecifiedScalarType, Kind, parse } from 'graphql';

const root = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, 'schema', file), 'utf8');

/** `_entities`, `_Any` and the like; not the spec's own `__` introspection names. */
const FEDERATION_NAME = /^_(?!_)/;

/** Every type's name but the spec's own (introspection, built-in scalars). */
const ownTypeNames = (schema: GraphQLSchema): string[] =>
  Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !(isScalarType(type) && isSpecifiedScalarType(type)))
    .map((type) => type.name)
    .sort();

describe('schema/', () => {
  it('holds exactly what `npm run codegen` writes', () => {
    const bin = path.join(root, 'node_modules/.bin/graphql-codegen');
    // The CLI may print a green line on failure: the exit code is the verdict (STACK-NOTES).
    const result = spawnSync(bin, ['--config', 'codegen.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect({ status: result.status, output: result.status === 0 ? '' : result.stdout + result.stderr }).toEqual({
      status: 0,
      output: '',
    });
  });
});

describe('schema/schema.graphql, for clients', () => {
  const client = buildSchema(read('schema.graphql'));

  it('has no federation member: no `_`-prefixed type or Query field', () => {
    expect(ownTypeNames(client).filter((name) => FEDERATION_NAME.test(name))).toEqual([]);
    const queryFields = Object.keys(client.getQueryType()?.getFields() ?? {});
    expect(queryFields).toEqual(expect.arrayContaining(['node', 'repository', 'repositories']));
    expect(queryFields.filter((name) => FEDERATION_NAME.test(name))).toEqual([]);
  });

  it('declares no custom scalar but DateTime and SafeInt, so codegen with strictScalars maps every one', () => {
    const scalars = Object.values(client.getTypeMap())
      .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
      .map((type) => type.name)
      .sort();
    expect(scalars).toEqual(['DateTime', 'SafeInt']);
  });

  it("has the subgraph SDL's types and Query fields, no more and no fewer", () => {
    // schema/subgraph.graphql is printSubgraphSchema's, which leaves the federation members out as
    // `_service { sdl }` does; the endpoint keeps them (test/integration/federation.test.ts).
    const subgraph = parse(read('subgraph.graphql'));
    const named = subgraph.definitions.flatMap((definition) =>
      'name' in definition && definition.name && definition.kind !== Kind.DIRECTIVE_DEFINITION
        ? [definition.name.value]
        : [],
    );
    expect(ownTypeNames(client)).toEqual([...new Set(named)].sort());
    const query = subgraph.definitions.find(
      (definition) => definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query',
    );
    const subgraphQueryFields =
      query?.kind === Kind.OBJECT_TYPE_DEFINITION ? (query.fields ?? []).map((field) => field.name.value) : [];
    expect(Object.keys(client.getQueryType()?.getFields() ?? {}).sort()).toEqual(subgraphQueryFields.sort());
  });
});
