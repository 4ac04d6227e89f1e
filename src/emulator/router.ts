/** X-Amz-Target -> operation. */

import { modelOperation, SERVICE_NAME } from '../model';
import { AwsError } from './errors';
import { describeImageTags } from './operations/describe-image-tags';
import { describeImages } from './operations/describe-images';
import { describeRegistries } from './operations/describe-registries';
import { describeRepositories } from './operations/describe-repositories';
import { getAuthorizationToken } from './operations/get-authorization-token';
import { getRegistryCatalogData } from './operations/get-registry-catalog-data';
import { getRepositoryCatalogData } from './operations/get-repository-catalog-data';
import { listTagsForResource } from './operations/list-tags-for-resource';
import type { ServedOperation } from './served-operations';
import type { Store } from './store';

/** Runs one operation: its output, or an AwsError thrown. */
export type OperationHandler = (input: unknown, store: Store) => Record<string, unknown>;

const HANDLERS: Readonly<Record<ServedOperation, OperationHandler>> = {
  DescribeImages: describeImages,
  DescribeImageTags: describeImageTags,
  DescribeRegistries: describeRegistries,
  DescribeRepositories: describeRepositories,
  GetAuthorizationToken: getAuthorizationToken,
  GetRegistryCatalogData: getRegistryCatalogData,
  GetRepositoryCatalogData: getRepositoryCatalogData,
  ListTagsForResource: listTagsForResource,
};

export interface Route {
  /** The operation's name, or the raw target when it names none of this service's. */
  operation: string;
  handler: OperationHandler;
}

const refuse =
  (error: AwsError): OperationHandler =>
  () => {
    throw error;
  };

export function route(target: string | undefined): Route {
  const prefix = `${SERVICE_NAME}.`;
  if (!target?.startsWith(prefix)) {
    return {
      operation: target ?? '',
      handler: refuse(new AwsError('UnknownOperationException', `Unknown operation ${target ?? '(no X-Amz-Target)'}`)),
    };
  }
  const operation = target.slice(prefix.length);
  if (Object.hasOwn(HANDLERS, operation)) return { operation, handler: HANDLERS[operation as ServedOperation] };
  if (modelOperation(operation)) {
    // Writes and the registry-auth calls exist in the model but not here. Every operation of the
    // model declares UnsupportedCommandException ("The action isn't supported in this Region."),
    // which is how AWS itself refuses an operation an endpoint does not serve; clients already
    // handle it, where UnknownOperationException would suggest a wrong endpoint or a bad SDK.
    return {
      operation,
      handler: refuse(
        new AwsError(
          'UnsupportedCommandException',
          `${operation} is not supported by this endpoint: the ECR Public emulator serves read operations only.`,
        ),
      ),
    };
  }
  return { operation, handler: refuse(new AwsError('UnknownOperationException', `Unknown operation ${target}`)) };
}
