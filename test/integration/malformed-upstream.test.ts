/**
 * Broken upstream answers (issue 13): whatever ECR Public, or a proxy in front of it, sends that is
 * not a well-formed answer is UPSTREAM_ERROR, counted by the breaker, never INTERNAL_SERVER_ERROR
 * and never a not-found (CONTRACT "Limits (addendum)"); AWS's text is bounded on its way to clients
 * and logs.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { createEcrPublicClient } from '../../src/ecr/client';
import { createCallStats } from '../../src/ecr/guard/call-stats';
import { createUpstream } from '../../src/ecr/guard/upstream';
import { createEmulator, type RawAnswer } from '../../src/emulator';
import { GatewayError } from '../../src/errors';
import { digestOf, testFixture } from '../helpers/fixture';
import { createStack, type GraphQLResponse } from '../helpers/stack';

const PAGE = '{ repository(name: "web/frontend") { images(first: 10) { edges { node { imageDigest } } } } }';
const LOOKUP = '{ repository(name: "web/frontend") { image(tag: "v1") { imageDigest } } }';
const MALFORMED = /^ECR Public sent a malformed answer \(DescribeImages: /;

function onlyError(response: GraphQLResponse) {
  expect(response.errors).toHaveLength(1);
  return response.errors?.[0];
}

/** The one error of `query` when DescribeImages answers `raw` once; the repository lookup goes through. */
async function errorFor(raw: RawAnswer, query = PAGE) {
  const stack = createStack();
  stack.emulator.faults.failNext({ raw }, 1, 'DescribeImages');
  const error = onlyError(await stack.query(query));
  expect(stack.calls('DescribeImages')).toBe(1);
  return error;
}

const malformed = (detail: string | RegExp, httpStatusCode = 200) => ({
  message: expect.stringMatching(typeof detail === 'string' ? `${MALFORMED.source}${literally(detail)}\\)$` : detail),
  extensions: {
    code: 'UPSTREAM_ERROR',
    aws: { errorCode: 'MalformedAnswer', httpStatusCode, requestId: expect.any(String), retryable: true },
  },
});
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a malformed answer is UPSTREAM_ERROR', () => {
  it.each([
    ['garbage', { body: 'garbage!!' }, 'HTTP 200 with a body that is no JSON object'],
    [
      'HTML with 200',
      { body: '<html><h1>Bad gateway</h1></html>', contentType: 'text/html' },
      'HTTP 200 with a body that is no JSON object',
    ],
    ['truncated JSON', { body: '{"imageDetails":[{"imageDigest":"sha256:ab' }, 'HTTP 200 with a body that is no JSON'],
    ['a 200 with null', { body: 'null' }, 'HTTP 200 with a body that is no JSON object'],
    ['a 200 with an empty body', { body: '' }, 'HTTP 200 with an empty body'],
  ])('%s', async (_name, raw, detail) => {
    const error = await errorFor(raw);
    expect(error).toMatchObject({ path: ['repository', 'images'], ...malformed(detail) });
  });

  it.each([
    [
      'a number for a string',
      '{"imageDetails":[{"imageDigest":5}]}',
      'imageDetails[0].imageDigest is a number, not a string',
    ],
    [
      'a string for a size',
      '{"imageDetails":[{"imageDigest":"sha256:ab","imageSizeInBytes":"big"}]}',
      'imageDetails[0].imageSizeInBytes is a string, not an integer',
    ],
    [
      'a string for a list',
      '{"imageDetails":[{"imageDigest":"sha256:ab","imageTags":"latest"}]}',
      'imageDetails[0].imageTags is a string, not a list',
    ],
    ['a list item that is no object', '{"imageDetails":[7]}', 'imageDetails[0] is a number, not an object'],
    ['a number for the nextToken', '{"imageDetails":[],"nextToken":7}', 'nextToken is a number, not a string'],
    [
      'a string for a timestamp',
      '{"imageDetails":[{"imageDigest":"sha256:ab","imagePushedAt":"yesterday"}]}',
      'HTTP 200 with a member of the wrong type (Expected real number, got implicit NaN)',
    ],
  ])('wrong types: %s', async (_name, body, detail) => {
    expect(await errorFor({ body })).toMatchObject(malformed(detail));
  });

  it('a required member missing (DescribeRegistries: registries[].registryArn)', async () => {
    const stack = createStack();
    stack.emulator.faults.failNext({ raw: { body: '{"registries":[{"registryId":"111122223333"}]}' } });
    const error = onlyError(await stack.query('{ registries(first: 5) { edges { node { registryId } } } }'));
    expect(error).toMatchObject({
      message: 'ECR Public sent a malformed answer (DescribeRegistries: registries[0].registryArn is missing)',
      extensions: { code: 'UPSTREAM_ERROR', aws: { errorCode: 'MalformedAnswer' } },
    });
  });

  it('{"imageDetails":"notalist"} is no IMAGE_NOT_FOUND, for a page or a lookup by tag', async () => {
    expect(await errorFor({ body: '{"imageDetails":"notalist"}' })).toMatchObject(
      malformed('imageDetails is a string, not a list'),
    );
    const lookup = await errorFor({ body: '{"imageDetails":"notalist"}' }, LOOKUP);
    expect(lookup).toMatchObject({
      path: ['repository', 'image'],
      ...malformed('imageDetails is a string, not a list'),
    });
  });

  it.each([
    [
      'an unknown __type',
      '{"__type":"WeirdException","message":"odd"}',
      'WeirdException',
      'the unknown error type WeirdException',
    ],
    ['no __type', '{"message":"odd"}', 'Unknown', 'no error type'],
  ])('an error answer with %s', async (_name, body, errorCode, detail) => {
    const error = await errorFor({ status: 400, body });
    expect(error).toMatchObject({
      message: `ECR Public sent a malformed answer (DescribeImages: HTTP 400 with ${detail})`,
      extensions: { code: 'UPSTREAM_ERROR', aws: { errorCode, httpStatusCode: 400, retryable: true } },
    });
  });
});

describe('sizes are bounded', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => `{"imageDigest":"${digestOf(`big#${i}`)}"}`);
  const huge = `{"imageDetails":[${items(190_000).join(',')}]}`;

  it('a page of 190k items is malformed, for a page, a whole listing and a lookup', async () => {
    expect(await errorFor({ body: huge })).toMatchObject(
      malformed('imageDetails has 190000 items, more than maxResults (10)'),
    );
    const ordered =
      '{ repository(name: "web/frontend") { images(first: 5, orderBy: { field: SIZE, direction: DESC }) { edges { cursor } } } }';
    expect(await errorFor({ body: huge }, ordered)).toMatchObject(
      malformed('imageDetails has 190000 items, more than maxResults (1000)'),
    );
    // A lookup by id names no maxResults: the model's most (1000) bounds it.
    const lookup = await errorFor({ body: `{"imageDetails":[${items(1001).join(',')}]}` }, LOOKUP);
    expect(lookup).toMatchObject(malformed('imageDetails has 1001 items, more than maxResults (1000)'));
  });

  it('a 5 MB AWS error message reaches neither a client nor a log past 1 KB', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n'));
        done();
      },
    });
    const stack = createStack({ logger: pino({ level: 'info' }, sink) });
    const message = 'x'.repeat(5 * 1024 * 1024);
    for (const type of ['InvalidParameterException', 'WeirdException']) {
      stack.emulator.faults.failNext(
        { raw: { status: 400, body: JSON.stringify({ __type: type, message }) } },
        1,
        'DescribeImages',
      );
    }
    const invalid = await stack.gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PAGE }),
    });
    const text = await invalid.text();
    expect(text.length).toBeLessThan(4096);
    const error = onlyError(JSON.parse(text) as GraphQLResponse);
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message.length).toBeLessThanOrEqual(1024);
    expect(error?.message).toMatch(/^x+…$/);

    const unknown = onlyError(await stack.query(PAGE));
    expect(unknown?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(JSON.stringify(unknown).length).toBeLessThan(4096);
    expect(stack.calls('DescribeImages')).toBe(2);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(8192);
  });
});

describe('malformed answers are upstream faults', () => {
  it('enough of them open the breaker: UPSTREAM_UNAVAILABLE with no call, and /readiness 503', async () => {
    const stack = createStack({ upstream: { cacheTtlMs: 0, breakerResetMs: 60_000 } });
    const bodies = ['garbage', '<html></html>', '{"repositories":', 'null', '{"repositories":"notalist"}', '[]'];
    for (let i = 0; i < 20; i++) stack.emulator.faults.failNext({ raw: { body: bodies[i % bodies.length] as string } });
    const codes: unknown[] = [];
    for (let i = 0; i < 20 && codes.at(-1) !== 'UPSTREAM_UNAVAILABLE'; i++) {
      const response = await stack.query(
        `{ repository(name: "web/frontend") { images(first: ${i + 1}) { edges { cursor } } } }`,
      );
      codes.push(onlyError(response)?.extensions?.code);
    }
    // The breaker opens once at least half of ten or more calls failed upstream (guard/guarded-call.ts).
    const faults = codes.length - 1;
    expect(faults).toBeGreaterThanOrEqual(10);
    expect(codes).toEqual([...Array.from({ length: faults }, () => 'UPSTREAM_ERROR'), 'UPSTREAM_UNAVAILABLE']);
    expect(stack.calls()).toBe(faults);
    expect((await stack.gateway.fetch('http://gateway/readiness')).status).toBe(503);
    expect(stack.calls()).toBe(faults);
    const metrics = await (await stack.gateway.fetch('http://gateway/metrics')).text();
    expect(metrics).toMatch(
      new RegExp(
        `ecr_public_upstream_calls_total\\{operation="DescribeRepositories",outcome="UPSTREAM_ERROR"\\} ${faults}\\b`,
      ),
    );
  });
});

describe('over loopback (the SDK reading a socket)', () => {
  it('checks the answers of the standalone listener as of the in-process handler', async () => {
    const emulator = createEmulator(testFixture());
    const server = await emulator.listen();
    try {
      const client = createEcrPublicClient({
        region: 'us-east-1',
        timeoutMs: 5000,
        endpoint: server.url,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        maxAttempts: 1,
      });
      const upstream = createUpstream(client, { timeoutMs: 5000, maxRps: 50, cacheTtlMs: 0 }).forRequest(
        createCallStats(),
      );
      const page = () => upstream.send('DescribeImages', { repositoryName: 'web/frontend', maxResults: 5 });
      expect((await page()).imageDetails).toHaveLength(5);
      for (const body of ['null', '<html></html>', '{"imageDetails":"notalist"}']) {
        emulator.faults.failNext({ raw: { body } });
        const error = await page().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(GatewayError);
        expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', message: expect.stringMatching(MALFORMED) });
      }
      expect((await page()).imageDetails).toHaveLength(5);
      expect(emulator.calls.all().map((call) => call.outcome)).toEqual(['ok', 'raw 200', 'raw 200', 'raw 200', 'ok']);
    } finally {
      await server.close();
    }
  });
});
