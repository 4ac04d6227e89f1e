/** The wire itself, over the loopback listener: what any AWS client, not only the JS SDK, sees. */
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
} from '@aws-sdk/client-ecr-public';
import { createEmulator, type Listening } from '../../src/emulator';
import { digestOf, endpointClient, inProcessClient, rejectionOf, smallFixture } from './sdk';

describe('the wire', () => {
  const emulator = createEmulator(smallFixture());
  let server: Listening;
  beforeAll(async () => {
    server = await emulator.listen();
  });
  afterAll(() => server.close());

  const post = (target: string | undefined, body: string, init: RequestInit = {}) =>
    fetch(`${server.url}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        ...(target === undefined ? {} : { 'x-amz-target': target }),
      },
      body,
      ...init,
    });

  it('answers JSON 1.1 with epoch-second timestamps and a request id', async () => {
    const res = await post('SpencerFrontendService.DescribeImages', JSON.stringify({ repositoryName: 'web/frontend' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.json();
    expect(body.imageDetails[0].imagePushedAt).toBe(Date.parse('2024-05-02T08:30:00Z') / 1000);
    expect(body.imageDetails[2].imagePushedAt).toBe(1714811400.25);
    expect(body.imageDetails[1]).not.toHaveProperty('imageTags');
    expect(body.imageDetails[2].imageDigest).toBe(digestOf(3));
    expect(body).not.toHaveProperty('nextToken');
  });

  it.each([
    {
      case: 'an unknown target',
      target: 'SpencerFrontendService.DescribeEverything',
      body: '{}',
      type: 'UnknownOperationException',
    },
    {
      case: 'another service’s target',
      target: 'AmazonEC2ContainerRegistry_V20150921.DescribeImages',
      body: '{}',
      type: 'UnknownOperationException',
    },
    { case: 'no target', target: undefined, body: '{}', type: 'UnknownOperationException' },
    {
      case: 'a body that is not JSON',
      target: 'SpencerFrontendService.DescribeRepositories',
      body: '{"maxResults":',
      type: 'SerializationException',
    },
    {
      case: 'a body that is not an object',
      target: 'SpencerFrontendService.DescribeRepositories',
      body: '[1]',
      type: 'SerializationException',
    },
    {
      case: 'a member of the wrong type',
      target: 'SpencerFrontendService.DescribeRepositories',
      body: '{"maxResults":"5"}',
      type: 'SerializationException',
    },
    {
      case: 'a fractional integer',
      target: 'SpencerFrontendService.DescribeRepositories',
      body: '{"maxResults":1.5}',
      type: 'SerializationException',
    },
  ])('answers $case as AWS does: 400 $type', async ({ target, body, type }) => {
    const res = await post(target, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe(type);
    expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    const json = await res.json();
    expect(json.__type).toBe(type);
    expect(typeof json.message).toBe('string');
  });

  it('answers a GET or another path with UnknownOperationException', async () => {
    for (const res of [
      await fetch(`${server.url}/`),
      await post('SpencerFrontendService.DescribeRepositories', '{}', { method: 'PUT' }),
      // /v2/ and /token/ are the registry's (registry.test.ts); any other path is not an operation.
      await fetch(`${server.url}/v3/`, {
        method: 'POST',
        headers: { 'x-amz-target': 'SpencerFrontendService.DescribeRepositories' },
        body: '{}',
      }),
    ]) {
      expect(res.status).toBe(400);
      expect((await res.json()).__type).toBe('UnknownOperationException');
    }
  });

  it('refuses the model’s other operations with UnsupportedCommandException', async () => {
    const client = endpointClient(server.url);
    for (const command of [
      new CreateRepositoryCommand({ repositoryName: 'web/new' }),
      new DeleteRepositoryCommand({ repositoryName: 'web/frontend' }),
    ]) {
      const error = await rejectionOf(client.send(command as CreateRepositoryCommand));
      expect(error.name).toBe('UnsupportedCommandException');
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    expect((await client.send(new DescribeRepositoriesCommand({}))).repositories).toHaveLength(3);
  });
});

describe('acceptedAccessKeyIds', () => {
  const emulator = createEmulator(smallFixture(), { acceptedAccessKeyIds: ['AKIDGOOD'] });

  it('serves a listed access key and refuses any other with 403 UnrecognizedClientException', async () => {
    const good = inProcessClient(emulator, { credentials: { accessKeyId: 'AKIDGOOD', secretAccessKey: 's' } });
    expect((await good.send(new DescribeRepositoriesCommand({}))).repositories).toHaveLength(3);
    const bad = inProcessClient(emulator, { credentials: { accessKeyId: 'AKIDBAD', secretAccessKey: 's' } });
    const error = await rejectionOf(bad.send(new DescribeRepositoriesCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('refuses a request with no Authorization at all', async () => {
    const res = await emulator.handle({
      method: 'POST',
      path: '/',
      headers: { 'X-Amz-Target': 'SpencerFrontendService.DescribeRepositories' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).__type).toBe('UnrecognizedClientException');
  });
});
