/** Injected faults as the SDK sees them, in-process and over the loopback listener. */
import {
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRPUBLICServiceException,
  ServerException,
} from '@aws-sdk/client-ecr-public';
import { createEmulator, type Emulator } from '../../src/emulator';
import { endpointClient, inProcessClient, rejectionOf, type SdkError, smallFixture, until } from './sdk';

const repositories = new DescribeRepositoriesCommand({});

/** What @smithy/node-http-handler makes of a socket closed without an answer (checked outside jest too). */
const RESET_SOCKET = { name: 'TimeoutError', code: 'ECONNRESET', message: 'socket hang up' };

/**
 * Under jest, Node's own errors come from another realm than the SDK's `Error` (jestjs/jest#2549), so
 * the SDK wraps a real socket's error as "AWS SDK error wrapper for TimeoutError: socket hang up"
 * (and then does not retry it). Outside jest it arrives as RESET_SOCKET, like the in-process drop.
 */
function describeReset(error: SdkError) {
  const wrapped = /^AWS SDK error wrapper for (\w+): (.*)$/.exec(error.message);
  if (!wrapped) return { name: error.name, code: error.code, message: error.message };
  return { name: wrapped[1], code: 'ECONNRESET', message: wrapped[2] };
}
const images = () => new DescribeImagesCommand({ repositoryName: 'web/frontend' });

describe('faults', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator(smallFixture());
  });

  it('ServerException: HTTP 500, the modelled class, retried by the SDK', async () => {
    emulator.faults.failNext('ServerException');
    const error = await rejectionOf(inProcessClient(emulator).send(repositories));
    expect(error).toBeInstanceOf(ServerException);
    expect(error.name).toBe('ServerException');
    expect(error.$fault).toBe('server');
    expect(error.$metadata.httpStatusCode).toBe(500);

    emulator.calls.reset();
    emulator.faults.failNext('ServerException', 2);
    const answer = await inProcessClient(emulator, { maxAttempts: 3 }).send(repositories);
    expect(answer.$metadata.attempts).toBe(3);
    expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['ServerException', 'ServerException', 'ok']);
  });

  it('ThrottlingException and UnrecognizedClientException arrive by name with their statuses', async () => {
    const client = inProcessClient(emulator);
    emulator.faults.failNext('ThrottlingException');
    const throttled = await rejectionOf(client.send(repositories));
    expect(throttled).toBeInstanceOf(ECRPUBLICServiceException);
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$metadata.httpStatusCode).toBe(400);
    emulator.faults.failNext('UnrecognizedClientException');
    const rejected = await rejectionOf(client.send(repositories));
    expect(rejected.name).toBe('UnrecognizedClientException');
    expect(rejected.$metadata.httpStatusCode).toBe(403);
    expect((await client.send(repositories)).repositories).toHaveLength(3);
  });

  it('drop in-process: rejects as a reset socket does through @smithy/node-http-handler, and the SDK retries it', async () => {
    emulator.faults.failNext('drop');
    const error = await rejectionOf(inProcessClient(emulator).send(repositories));
    expect({ name: error.name, code: error.code, message: error.message }).toEqual(RESET_SOCKET);
    expect(error.$metadata.httpStatusCode).toBeUndefined();
    emulator.calls.reset();
    emulator.faults.failNext('drop');
    const answer = await inProcessClient(emulator, { maxAttempts: 2 }).send(repositories);
    expect(answer.$metadata.attempts).toBe(2);
    expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['drop', 'ok']);
  });

  it('drop over the listener: the socket is destroyed unanswered', async () => {
    const server = await emulator.listen();
    try {
      emulator.faults.failNext('drop');
      const error = await rejectionOf(endpointClient(server.url).send(repositories));
      expect(error.$metadata.httpStatusCode).toBeUndefined();
      expect(describeReset(error)).toEqual(RESET_SOCKET);
      expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['drop']);
    } finally {
      await server.close();
    }
  });

  it('latency: applied to the chosen operations, and aborted by the caller’s abortSignal', async () => {
    emulator.faults.set({ latencyMs: 60_000, operations: ['DescribeImages'] });
    const client = inProcessClient(emulator);
    expect((await client.send(repositories)).repositories).toHaveLength(3);
    const error = await rejectionOf(client.send(images(), { abortSignal: AbortSignal.timeout(50) }));
    expect(error.name).toBe('AbortError');
    expect(emulator.calls.all().map((c) => [c.operation, c.outcome])).toEqual([
      ['DescribeRepositories', 'ok'],
      ['DescribeImages', 'aborted'],
    ]);
  });

  it('latency over the listener: the client’s abort and close() end the wait, no timer left behind', async () => {
    const server = await emulator.listen();
    emulator.faults.set({ latencyMs: 60_000 });
    const client = endpointClient(server.url);
    const aborted = await rejectionOf(client.send(repositories, { abortSignal: AbortSignal.timeout(50) }));
    expect(aborted.name).toBe('AbortError');
    const pending = rejectionOf(client.send(repositories));
    await until(() => emulator.calls.count() === 2);
    expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['aborted', 'pending']);
    await server.close();
    expect(describeReset(await pending)).toEqual(RESET_SOCKET);
    expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['aborted', 'aborted']);
  });

  it('maxCallsPerSecond: calls past the cap in one second are throttled', async () => {
    emulator.faults.set({ maxCallsPerSecond: 5 });
    const client = inProcessClient(emulator);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => client.send(repositories)));
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as Error).name));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'ThrottlingException')).toHaveLength(3);
    expect(emulator.calls.count('DescribeRepositories')).toBe(8);
  });

  it('rates: a seed replays the same faults; `operations` limits them', async () => {
    const client = inProcessClient(emulator);
    const run = async () => {
      emulator.faults.reset();
      emulator.faults.set({ serverErrorRate: 0.3, throttleRate: 0.2, dropRate: 0.1, seed: 7 });
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++)
        outcomes.push(
          await client.send(repositories).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ServerException', 'ThrottlingException', 'TimeoutError']));

    emulator.faults.reset();
    emulator.faults.set({ serverErrorRate: 1, operations: ['DescribeImages'] });
    expect((await client.send(repositories)).repositories).toHaveLength(3);
    expect((await rejectionOf(client.send(images()))).name).toBe('ServerException');
  });

  it('raw answers: the given status, content type and body, verbatim, in-process and over the listener', async () => {
    const html = { status: 200, body: '<html><h1>Bad gateway</h1></html>', contentType: 'text/html' };
    emulator.faults.failNext({ raw: html }, 1, 'DescribeImages');
    const truncated = { status: 502, body: '{"imageDetails":', headers: { 'x-amzn-errortype': 'Odd' } };
    emulator.faults.failNext({ raw: truncated }, 1, 'DescribeImages');
    const request = (operation: string) => ({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': `SpencerFrontendService.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
      body: '{"repositoryName":"web/frontend"}',
    });
    // Queued for DescribeImages only: the repositories call before it is answered as usual.
    expect((await emulator.handle(request('DescribeRepositories'))).status).toBe(200);
    const inProcess = await emulator.handle(request('DescribeImages'));
    expect(inProcess).toMatchObject({ status: 200, body: html.body, headers: { 'content-type': 'text/html' } });
    expect(inProcess.headers['x-amzn-requestid']).toEqual(expect.any(String));

    const server = await emulator.listen();
    try {
      const { headers, ...rest } = request('DescribeImages');
      const answer = await fetch(`${server.url}/`, { ...rest, headers });
      expect(answer.status).toBe(502);
      expect(answer.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(answer.headers.get('x-amzn-errortype')).toBe('Odd');
      expect(await answer.text()).toBe('{"imageDetails":');
      // The bare SDK reads a `null` body as an answer with no images (the gateway's checks refuse it).
      emulator.faults.failNext({ raw: { body: 'null' } });
      expect((await endpointClient(server.url).send(images())).imageDetails).toBeUndefined();
    } finally {
      await server.close();
    }
    expect(emulator.calls.all().map((c) => c.outcome)).toEqual(['ok', 'raw 200', 'raw 502', 'raw 200']);
  });

  it('failNext for one operation, current() and reset()', async () => {
    const client = inProcessClient(emulator);
    emulator.faults.failNext('ServerException', 1, 'DescribeImages');
    expect((await client.send(repositories)).repositories).toHaveLength(3);
    expect((await rejectionOf(client.send(images()))).name).toBe('ServerException');
    expect((await client.send(images())).imageDetails).toHaveLength(5);

    emulator.faults.set({ latencyMs: 5 });
    emulator.faults.set({ throttleRate: 0.5 });
    expect(emulator.faults.current()).toEqual({
      latencyMs: 5,
      jitterMs: 0,
      serverErrorRate: 0,
      throttleRate: 0.5,
      dropRate: 0,
    });
    emulator.faults.failNext('drop', 3);
    emulator.faults.reset();
    expect(emulator.faults.current()).toEqual({
      latencyMs: 0,
      jitterMs: 0,
      serverErrorRate: 0,
      throttleRate: 0,
      dropRate: 0,
    });
    expect((await client.send(repositories)).repositories).toHaveLength(3);
  });
});

describe('the call log', () => {
  it('records every call with its operation, input, arrival and outcome', async () => {
    const emulator = createEmulator(smallFixture());
    const client = inProcessClient(emulator);
    const before = Date.now();
    await client.send(repositories);
    await client.send(images());
    await rejectionOf(client.send(new DescribeImagesCommand({ repositoryName: 'web/nope' })));
    emulator.faults.failNext('drop');
    await rejectionOf(client.send(repositories));
    expect(emulator.calls.count()).toBe(4);
    expect(emulator.calls.count('DescribeImages')).toBe(2);
    expect(emulator.calls.count('DescribeRegistries')).toBe(0);
    const all = emulator.calls.all();
    expect(all.map((c) => [c.operation, c.input, c.outcome])).toEqual([
      ['DescribeRepositories', {}, 'ok'],
      ['DescribeImages', { repositoryName: 'web/frontend' }, 'ok'],
      ['DescribeImages', { repositoryName: 'web/nope' }, 'RepositoryNotFoundException'],
      ['DescribeRepositories', {}, 'drop'],
    ]);
    expect(all.every((c) => c.at >= before && c.at <= Date.now())).toBe(true);
    emulator.calls.reset();
    expect(emulator.calls.count()).toBe(0);
    expect(emulator.calls.all()).toEqual([]);
  });
});
