/**
 * The subgraph SDL's demand-control directives (schema/support/demand-control.ts): derived from
 * the same `upstreamCost` the gateway's estimate reads, and kept by both composition libraries.
 */
import { composeServices as composeApollo } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices as composeGuild } from '@theguild/federation-composition';
import { isObjectType, parse } from 'graphql';
import type { UpstreamCost } from '../../src/cost';
import { schema } from '../../src/schema';

const SDL = printSubgraphSchema(schema);

describe('@cost and @listSize in the subgraph SDL', () => {
  it('links Federation v2.9 and prices every field that may call upstream', () => {
    expect(SDL).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    const document = parse(SDL);
    let priced = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('_')) continue;
      const definition = document.definitions.find((d) => 'name' in d && d.name?.value === type.name);
      const nodes = definition && 'fields' in definition ? (definition.fields ?? []) : [];
      for (const field of Object.values(type.getFields())) {
        const cost = field.extensions?.upstreamCost as UpstreamCost | undefined;
        if (!cost) continue;
        priced++;
        const node = nodes.find((n) => n.name.value === field.name);
        const directives = (node?.directives ?? []).map((d) => d.name.value);
        expect([type.name, field.name, directives.includes('cost')]).toEqual([type.name, field.name, true]);
        if (type.name.endsWith('Connection') || field.type.toString().includes('Connection')) {
          expect([field.name, directives]).toEqual([field.name, ['cost', 'listSize']]);
          const args = node && 'arguments' in node ? (node.arguments ?? []) : [];
          const first = args.find((a) => a.name.value === 'first');
          expect(first?.defaultValue).toMatchObject({ value: '100' });
        }
      }
    }
    expect(priced).toBeGreaterThan(10);
    expect(SDL).toContain('orderBy: ImageOrder @cost(weight: 1000)');
  });

  it('composes with @apollo/composition and @theguild/federation-composition, the directives kept', () => {
    const services = [{ name: 'ecr-public', typeDefs: parse(SDL), url: 'http://ecr-public/graphql' }];
    const apollo = composeApollo(services);
    expect(apollo.errors).toBeUndefined();
    expect(apollo.supergraphSdl).toContain('@cost(weight: 100)');
    const guild = composeGuild(services);
    expect(guild.errors ?? []).toEqual([]);
    expect(guild.supergraphSdl).toContain('@listSize(');
    expect(guild.supergraphSdl).toMatch(/slicingArguments: \["first"\]/);
  });
});
