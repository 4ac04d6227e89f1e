import {
  ECRPUBLICServiceException,
  ImageNotFoundException,
  InvalidParameterException,
  RegistryNotFoundException,
  RepositoryNotFoundException,
  ServerException,
  UnsupportedCommandException,
} from '@aws-sdk/client-ecr-public';
import { toGatewayError } from '../../src/ecr/sdk-errors';
import { GatewayError } from '../../src/errors';

const metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'req-1', attempts: 1 });

function modelled<T>(Ctor: new (opts: { message: string; $metadata: object }) => T, status: number): T {
  return new Ctor({ message: 'aws says so', $metadata: metadata(status) });
}

function unmodelled(name: string, status: number, fault: 'client' | 'server' = 'client') {
  return new ECRPUBLICServiceException({ name, $fault: fault, message: name, $metadata: metadata(status) });
}

describe('toGatewayError', () => {
  const rows: [Error, string, boolean][] = [
    [modelled(RepositoryNotFoundException, 400), 'REPOSITORY_NOT_FOUND', false],
    [modelled(ImageNotFoundException, 400), 'IMAGE_NOT_FOUND', false],
    [modelled(RegistryNotFoundException, 400), 'REGISTRY_NOT_FOUND', false],
    [modelled(InvalidParameterException, 400), 'BAD_USER_INPUT', false],
    [modelled(UnsupportedCommandException, 400), 'UNSUPPORTED_COMMAND', false],
    [modelled(ServerException, 500), 'UPSTREAM_ERROR', true],
    [unmodelled('InternalFailure', 503, 'server'), 'UPSTREAM_ERROR', true],
    [unmodelled('ThrottlingException', 400), 'UPSTREAM_THROTTLED', true],
    [unmodelled('SlowDown', 429), 'UPSTREAM_THROTTLED', true],
    [unmodelled('UnrecognizedClientException', 400), 'UPSTREAM_UNAUTHORIZED', false],
    [unmodelled('ExpiredTokenException', 400), 'UPSTREAM_UNAUTHORIZED', false],
    [unmodelled('Forbidden', 403), 'UPSTREAM_UNAUTHORIZED', false],
  ];
  it.each(rows.map(([error, code, retryable]) => [error.name, code, error, retryable] as const))(
    'maps %s to %s',
    (_name, code, error, retryable) => {
      const mapped = toGatewayError(error, 'DescribeImages');
      expect(mapped).toBeInstanceOf(GatewayError);
      expect((mapped as GatewayError).extensions).toMatchObject({
        code,
        aws: { errorCode: (error as Error).name, httpStatusCode: expect.any(Number), requestId: 'req-1', retryable },
      });
      expect((mapped as GatewayError).originalError).toBeUndefined();
    },
  );

  it('maps network faults and missing credentials', () => {
    const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
    expect(toGatewayError(reset, 'DescribeImages')).toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE', aws: { retryable: true, httpStatusCode: null } },
    });
    const aborted = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toGatewayError(aborted, 'DescribeImages')).toMatchObject({ extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
    const noCredentials = Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' });
    expect(toGatewayError(noCredentials, 'DescribeImages')).toMatchObject({
      extensions: { code: 'UPSTREAM_UNAUTHORIZED' },
    });
  });

  it('leaves anything else a plain error for masking', () => {
    const bug = new TypeError('x is undefined');
    expect(toGatewayError(bug, 'DescribeImages')).toBe(bug);
  });
});
