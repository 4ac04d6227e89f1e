import { createStack } from '../helpers/stack';

const REPO = '{ repository(name: "web/frontend") { repositoryName } }';

function firstError(response: { errors?: { path?: unknown; extensions?: Record<string, unknown> }[] }) {
  expect(response.errors).toHaveLength(1);
  return response.errors?.[0];
}

describe('AWS errors as GraphQL errors', () => {
  it('REPOSITORY_NOT_FOUND at the alias of the missing repository; the good one keeps its data', async () => {
    const stack = createStack();
    const response = await stack.query(`{
      good: repository(name: "web/frontend") { repositoryName }
      gone: repository(name: "no/such-repo") { repositoryName }
    }`);
    expect(response.data).toEqual({ good: { repositoryName: 'web/frontend' }, gone: null });
    const error = firstError(response);
    expect(error).toMatchObject({
      path: ['gone'],
      extensions: {
        code: 'REPOSITORY_NOT_FOUND',
        aws: { errorCode: 'RepositoryNotFoundException', httpStatusCode: 400, retryable: false },
      },
    });
    expect((error?.extensions?.aws as { requestId?: string } | undefined)?.requestId).toEqual(expect.any(String));
  });

  it('UPSTREAM_ERROR for an injected ServerException', async () => {
    const stack = createStack();
    stack.emulator.faults.failNext('ServerException', 1);
    const error = firstError(await stack.query(REPO));
    expect(error).toMatchObject({
      path: ['repository'],
      extensions: {
        code: 'UPSTREAM_ERROR',
        aws: { errorCode: 'ServerException', httpStatusCode: 500, retryable: true },
      },
    });
  });

  it('UPSTREAM_THROTTLED for throttling', async () => {
    const stack = createStack();
    stack.emulator.faults.failNext('ThrottlingException', 1);
    expect(firstError(await stack.query(REPO))).toMatchObject({
      extensions: { code: 'UPSTREAM_THROTTLED', aws: { errorCode: 'ThrottlingException', retryable: true } },
    });
  });

  it('UPSTREAM_UNAVAILABLE for a dropped connection', async () => {
    const stack = createStack();
    stack.emulator.faults.failNext('drop', 1);
    expect(firstError(await stack.query(REPO))).toMatchObject({
      message: expect.stringMatching(/^The connection to ECR Public was dropped/),
      extensions: { code: 'UPSTREAM_UNAVAILABLE', aws: { httpStatusCode: null, retryable: true } },
    });
  });

  it('UPSTREAM_UNAVAILABLE for an upstream slower than the deadline', async () => {
    const stack = createStack({ timeoutMs: 100 });
    stack.emulator.faults.set({ latencyMs: 5000 });
    expect(firstError(await stack.query(REPO))).toMatchObject({
      message: expect.stringMatching(/^ECR Public did not answer in time/),
      extensions: { code: 'UPSTREAM_UNAVAILABLE', aws: { retryable: true } },
    });
  });

  it('UPSTREAM_UNAUTHORIZED for credentials the upstream rejects', async () => {
    const stack = createStack({ emulator: { acceptedAccessKeyIds: ['someone-else'] } });
    expect(firstError(await stack.query(REPO))).toMatchObject({
      extensions: {
        code: 'UPSTREAM_UNAUTHORIZED',
        aws: { errorCode: 'UnrecognizedClientException', retryable: false },
      },
    });
  });

  it('BAD_USER_INPUT for input the API model forbids, before any call', async () => {
    const stack = createStack();
    for (const query of [
      '{ repository(name: "UPPER/case") { repositoryName } }',
      '{ repository(name: "x") { repositoryName } }',
      '{ repository(name: "web/frontend", registryId: "12") { repositoryName } }',
      '{ repositories(registryId: "abc") { edges { cursor } } }',
    ]) {
      const response = await stack.query(query);
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(stack.calls()).toBe(0);
  });

  it("keeps the rest of the response when one repository's images fail", async () => {
    const stack = createStack();
    stack.emulator.faults.set({ serverErrorRate: 1, operations: ['DescribeImages'] });
    const response = await stack.query(`{
      a: repository(name: "web/frontend") { repositoryName images(first: 1) { edges { cursor } } }
      b: repository(name: "web/backend") { repositoryName }
    }`);
    expect(response.data).toEqual({ a: null, b: { repositoryName: 'web/backend' } });
    expect(response.errors?.[0]).toMatchObject({ path: ['a', 'images'], extensions: { code: 'UPSTREAM_ERROR' } });
  });

  it('never sends a stack trace', async () => {
    const stack = createStack();
    stack.emulator.faults.failNext('ServerException', 1);
    const body = JSON.stringify(await stack.query(REPO));
    expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(body).not.toContain('stack');
  });
});
