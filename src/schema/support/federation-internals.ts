/**
 * The federation members of the subgraph schema (`Query._entities`, `Query._service`, `_Any`,
 * `_Entity`, `_Service`, added by toSubGraphSchema from @apollo/subgraph, undescribed): routers
 * need them on the one endpoint, clients do not. The runtime schema keeps them, described for
 * GraphiQL's docs; the client schema that codegen.ts writes to schema/schema.graphql leaves them
 * out, since code generators refuse the unmapped `_Any` under `strictScalars`. printSubgraphSchema
 * leaves them out of the subgraph SDL either way, so neither transform changes `_service { sdl }`.
 */
import { MapperKind, mapSchema, rewireTypes } from '@graphql-tools/utils';
import {
  type GraphQLNamedType,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLUnionType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

const FOR_ROUTERS = 'for routers, not for clients';

const QUERY_FIELDS: Record<string, string> = {
  _entities: `Federation: the entities a router asks for by their keys, in the order of \`representations\`; ${FOR_ROUTERS}. Clients ask \`node\`, \`repository\` or \`Repository.image\`.`,
  _service: `Federation: this subgraph's SDL, which a router or a schema registry composes; ${FOR_ROUTERS}.`,
};

const REPRESENTATIONS =
  'One representation per entity wanted: its `__typename` and the fields of its `@key`, such as `{ __typename: "Repository", registryId, repositoryName }`.';

const TYPES: Record<string, string> = {
  _Any: `Federation: an entity representation, a JSON object of \`__typename\` and the fields of that type's \`@key\`; ${FOR_ROUTERS}.`,
  _Entity: `Federation: every type of this subgraph that a router can fetch by its \`@key\` through \`_entities\`; ${FOR_ROUTERS}.`,
  _Service: `Federation: what \`_service\` answers, this subgraph's SDL; ${FOR_ROUTERS}.`,
};

/** A federation member: `_`-prefixed, unlike the spec's own `__` introspection names. */
const isFederationInternal = (name: string): boolean => name.startsWith('_') && !name.startsWith('__');

/**
 * The subgraph schema with its federation members described; resolvers and the rest as they were.
 * rewireTypes, not mapSchema: mapSchema rebuilds types' astNodes in sorted field order, which
 * reorders printSubgraphSchema's output and would part subgraph.graphql from `_service { sdl }`.
 */
export function describeFederationInternals(schema: GraphQLSchema): GraphQLSchema {
  const types = Object.values(schema.getTypeMap()).map((type) =>
    type === schema.getQueryType() ? describeQueryFields(type as GraphQLObjectType) : describeType(type),
  );
  const { typeMap, directives } = rewireTypes(
    Object.fromEntries(types.map((type) => [type.name, type])),
    schema.getDirectives(),
  );
  const query = schema.getQueryType();
  const subscription = schema.getSubscriptionType();
  return new GraphQLSchema({
    ...schema.toConfig(),
    query: query && (typeMap[query.name] as GraphQLObjectType),
    subscription: subscription && (typeMap[subscription.name] as GraphQLObjectType),
    types: Object.values(typeMap),
    directives,
  });
}

function describeQueryFields(query: GraphQLObjectType): GraphQLObjectType {
  const config = query.toConfig();
  const fields = Object.fromEntries(
    Object.entries(config.fields).map(([name, field]) => {
      const description = QUERY_FIELDS[name];
      if (description === undefined) return [name, field];
      const representations = field.args?.representations;
      const args = representations && {
        ...field.args,
        representations: { ...representations, description: REPRESENTATIONS },
      };
      return [name, { ...field, description, ...(args && { args }) }];
    }),
  );
  return new GraphQLObjectType({ ...config, fields });
}

function describeType(type: GraphQLNamedType): GraphQLNamedType {
  const description = TYPES[type.name];
  if (description === undefined) return type;
  if (isScalarType(type)) return new GraphQLScalarType({ ...type.toConfig(), description });
  if (isUnionType(type)) return new GraphQLUnionType({ ...type.toConfig(), description });
  if (isObjectType(type)) return new GraphQLObjectType({ ...type.toConfig(), description });
  return type;
}

/** The schema clients see: no `_`-prefixed type or root field (`_entities`, `_service`, `_Any`, ...). */
export function withoutFederationInternals(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (field, name) => (isFederationInternal(name) ? null : field),
    [MapperKind.TYPE]: (type) => (isFederationInternal(type.name) ? null : type),
  });
}
