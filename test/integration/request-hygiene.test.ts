/**
 * Request hygiene (issue 13): the client budget whatever the path, exact probe paths, coded
 * refusals of mutations (subscriptions: subscriptions.test.ts), no internal detail in any error, and GraphQL
 * parameters of the wrong JSON type or depth refused with 400 before any plugin trips on them.
 * (Non-object `variables` and `extensions` Yoga refused with 400 already, whatever the plugins.)
 */
import { MAX_PARAM_DEPTH } from '../../src/plugins/request/use-param-checks';
import { capturedLogger } from '../helpers/logs';
import { createStack, type Stack } from '../helpers/stack';

const TYPENAME = '{ __typename }';
const QUERY = '{ repository(name: "web/frontend") { repositoryName } }';

async function post(stack: Stack, path: string, body: string) {
  const response = await stack.gateway.fetch(`http://gateway${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

describe('the client budget (CLIENT_MAX_RPS)', () => {
  it('counts every request served as GraphQL, whatever its path', async () => {
    for (const path of ['/graphql/', '/x/graphql', '/health-not?x=/graphql']) {
      const stack = createStack({ clientMaxRps: 5, upstream: { cacheTtlMs: 0 } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await post(stack, path, JSON.stringify({ query: QUERY }))).status);
      expect({ path, served: statuses.filter((status) => status === 200).length }).toEqual({ path, served: 5 });
      expect(statuses.filter((status) => status === 429)).toHaveLength(25);
      expect(stack.calls()).toBe(5);
    }
  });
});

describe('/health and /readiness', () => {
  it('answer their exact paths only: a query string ending in /health is a GraphQL request', async () => {
    const stack = createStack();
    for (const probe of ['/health', '/readiness']) {
      const response = await stack.gateway.fetch(
        `http://gateway/graphql?query=${encodeURIComponent(TYPENAME)}&x=${probe}`,
      );
      expect({ probe, status: response.status }).toEqual({ probe, status: 200 });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
      expect((await stack.gateway.fetch(`http://gateway${probe}`)).status).toBe(200);
      expect((await stack.gateway.fetch(`http://gateway/elsewhere${probe}`)).status).toBe(404);
    }
  });
});

describe('mutations', () => {
  it.each([['mutation { repository(name: "web/frontend") { repositoryName } }', 'mutations']])(
    '%s is refused with BAD_REQUEST and HTTP 400, before any upstream call',
    async (query, what) => {
      const stack = createStack();
      const { status, text } = await post(stack, '/graphql', JSON.stringify({ query }));
      expect(status).toBe(400);
      expect(JSON.parse(text)).toEqual({
        errors: [{ message: expect.stringContaining(`no ${what}`), extensions: { code: 'BAD_REQUEST' } }],
      });
      expect(stack.calls()).toBe(0);
    },
  );

  it('a subscription of a field Subscription lacks fails validation, before any upstream call', async () => {
    const stack = createStack();
    const query = 'subscription { repository(name: "web/frontend") { repositoryName } }';
    const { text } = await post(stack, '/graphql', JSON.stringify({ query }));
    expect(JSON.parse(text).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(stack.calls()).toBe(0);
  });
});

describe('a body that is not JSON', () => {
  it.each([
    ['with a byte-order mark', `\uFEFF${JSON.stringify({ query: TYPENAME })}`],
    ['cut short', '{"query": "{ __typena'],
  ])('%s: a clean 400, with no originalError, stack or echo of the body', async (_name, body) => {
    const { status, text } = await post(createStack(), '/graphql', body);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(text).not.toMatch(/originalError|stack|SyntaxError|__typena/);
  });
});

describe('GraphQL parameters of the wrong JSON type or depth', () => {
  const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const cases: [string, string, RegExp][] = [
    ['a numeric operationName', JSON.stringify({ query: TYPENAME, operationName: 5 }), /"operationName".*number/],
    ['an object operationName', JSON.stringify({ query: TYPENAME, operationName: {} }), /"operationName".*object/],
    ['a numeric query', JSON.stringify({ query: 5 }), /"query".*number/],
    ['variables 200,000 deep', `{"query":"${TYPENAME}","variables":{"a":${deep(200_000)}}}`, /"variables".*deeper/],
    ['extensions 200,000 deep', `{"query":"${TYPENAME}","extensions":{"a":${deep(200_000)}}}`, /"extensions".*deeper/],
    [
      `variables ${MAX_PARAM_DEPTH + 1} deep`,
      `{"query":"${TYPENAME}","variables":{"a":${deep(MAX_PARAM_DEPTH)}}}`,
      /"variables".*deeper/,
    ],
  ];

  it.each(cases)(
    '%s: HTTP 400 BAD_REQUEST, no upstream call, nothing logged as an error',
    async (_name, body, message) => {
      const { logger, lines } = capturedLogger();
      // With the response cache and request log on, as in production: both read the parameters.
      const stack = createStack({
        logger,
        responseCache: { ttlMs: 10_000 },
        limits: { maxBodyBytes: 4 * 1024 * 1024 },
      });
      const { status, text } = await post(stack, '/graphql', body);
      expect(status).toBe(400);
      const errors = (JSON.parse(text) as { errors: { message: string; extensions: unknown }[] }).errors;
      expect(errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'BAD_REQUEST' } }]);
      expect(stack.calls()).toBe(0);
      expect(lines.filter((line) => (line.level as number) >= 50 || JSON.stringify(line).includes('stack'))).toEqual(
        [],
      );
    },
  );

  it('a GET with variables nested 200,000 deep: 400 as well', async () => {
    const stack = createStack({ responseCache: { ttlMs: 10_000 } });
    const search = new URLSearchParams({ query: TYPENAME, variables: `{"a":${deep(200_000)}}` });
    const response = await stack.gateway.fetch(`http://gateway/graphql?${search}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('ordinary parameters still pass: a string operationName, nested input within the depth', async () => {
    const stack = createStack({ responseCache: { ttlMs: 10_000 } });
    const { status, text } = await post(
      stack,
      '/graphql',
      JSON.stringify({
        query:
          'query A($f: ImageFilter) { repository(name: "web/frontend") { images(first: 1, filter: $f) { edges { cursor } } } }',
        operationName: 'A',
        variables: { f: { tagged: true } },
        extensions: { nested: { a: { b: [[1]] } } },
      }),
    );
    expect({ status, errors: JSON.parse(text).errors }).toEqual({ status: 200, errors: undefined });
  });
});
