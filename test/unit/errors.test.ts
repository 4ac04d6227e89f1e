import {
  ECRPUBLICServiceException,
  ImageNotFoundException,
  InvalidParameterException,
  RegistryNotFoundException,
  RepositoryNotFoundException,
  ServerException,
  UnsupportedCommandException,
} from '@aws-sdk/client-ecr-public';
import { MalformedAnswerError } from '../../src/ecr/answers';
import { MAX_AWS_TEXT, toGatewayError } from '../../src/ecr/sdk-errors';
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

  it('maps a malformed answer to UPSTREAM_ERROR: our own check, a body the SDK could not read, an unknown __type', () => {
    const own = new MalformedAnswerError('DescribeImages', 'imageDetails is a string, not a list', {
      httpStatusCode: 200,
      requestId: 'req-1',
    });
    // What the SDK's deserializer throws for a body that is no JSON: no $fault, the raw response hung on it.
    const unparsed = Object.defineProperty(
      Object.assign(new SyntaxError('Unexpected token < in JSON'), { $metadata: metadata(200) }),
      '$response',
      { value: { statusCode: 200 }, enumerable: false },
    );
    const cases: [Error, string, string][] = [
      [own, 'imageDetails is a string, not a list', 'MalformedAnswer'],
      [unparsed, 'HTTP 200 with a body that is no JSON', 'MalformedAnswer'],
      [unmodelled('WeirdException', 400), 'HTTP 400 with the unknown error type WeirdException', 'WeirdException'],
      [unmodelled('Unknown', 400), 'HTTP 400 with no error type', 'Unknown'],
    ];
    for (const [error, detail, errorCode] of cases) {
      expect(toGatewayError(error, 'DescribeImages')).toMatchObject({
        message: `ECR Public sent a malformed answer (DescribeImages: ${detail})`,
        extensions: { code: 'UPSTREAM_ERROR', aws: { errorCode, requestId: 'req-1', retryable: true } },
      });
    }
    // A 5xx of an unknown type is a server error, said as one.
    expect(toGatewayError(unmodelled('InternalFailure', 503, 'server'), 'DescribeImages')).toMatchObject({
      message: 'ECR Public failed to answer (DescribeImages: InternalFailure)',
    });
  });

  it("bounds AWS's own text: messages, error types and request ids", () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const invalid = new InvalidParameterException({ message: huge, $metadata: { ...metadata(400), requestId: huge } });
    const mapped = toGatewayError(invalid, 'DescribeImages') as GatewayError;
    expect(mapped.code).toBe('BAD_USER_INPUT');
    expect(mapped.message).toHaveLength(MAX_AWS_TEXT);
    expect(mapped.message.endsWith('x…')).toBe(true);
    expect(mapped.aws?.requestId?.length).toBeLessThanOrEqual(128);
    const unknown = toGatewayError(unmodelled(`Weird${huge}`, 400), 'DescribeImages') as GatewayError;
    expect(unknown.message.length).toBeLessThanOrEqual(MAX_AWS_TEXT);
    expect(unknown.aws?.errorCode.length).toBeLessThanOrEqual(128);
    // A cut never splits a surrogate pair.
    const emoji = new InvalidParameterException({ message: '😀'.repeat(2000), $metadata: metadata(400) });
    expect((toGatewayError(emoji, 'DescribeImages') as GatewayError).message).toMatch(/^(😀)+…$/u);
  });

  it('leaves anything else a plain error for masking', () => {
    const bug = new TypeError('x is undefined');
    expect(toGatewayError(bug, 'DescribeImages')).toBe(bug);
  });
});
