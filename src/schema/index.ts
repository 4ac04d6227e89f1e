/**
 * The schema: imports every type module and prints nothing of its own. The runtime schema is the
 * federation subgraph schema (`_service`, `_entities`, described for GraphiQL), so one schema serves
 * clients and routers; codegen.ts prints the client schema without them (withoutFederationInternals).
 * It reads no environment: server.ts decides what a deployment leaves out (withoutNodeFields).
 */
import { builder } from './builder';
import { withDemandControl } from './support/demand-control';
import { describeFederationInternals } from './support/federation-internals';
import './catalog-data';
import './image';
import './image-contents';
import './image-manifest';
import './image-platform';
import './image-order';
import './image-tag';
import './key-value';
import './node';
import './public-repository';
import './public-tag';
import './registry';
import './registry-alias';
import './repository';
import './repository-change';
import './repository-listings';
import './resource-tag';

builder.queryType({ description: 'Read access to ECR Public: registries, repositories and their images.' });

export const schema = describeFederationInternals(
  withDemandControl(
    builder.toSubGraphSchema({
      // v2.9 brings @cost and @listSize (support/demand-control.ts); README "Federation" says why not later.
      linkUrl: 'https://specs.apollo.dev/federation/v2.9',
      federationDirectives: ['@key', '@shareable', '@cost', '@listSize'],
    }),
  ),
);

export { withoutFederationInternals } from './support/federation-internals';
export { withoutNodeFields } from './support/without-node-fields';
