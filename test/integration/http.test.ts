/** GraphQL over HTTP: queries by GET as well as POST, and the probes. */
import { createStack } from '../helpers/stack';

describe('HTTP', () => {
  it('answers a query sent by GET, as GraphQL over HTTP has it', async () => {
    const stack = createStack();
    const query = encodeURIComponent('query($n: String!) { repository(name: $n) { repositoryName } }');
    const variables = encodeURIComponent(JSON.stringify({ n: 'web/backend' }));
    const response = await stack.gateway.fetch(`http://gateway/graphql?query=${query}&variables=${variables}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { repository: { repositoryName: 'web/backend' } } });
    expect(stack.calls('DescribeRepositories')).toBe(1);
  });

  it('answers /health without asking the upstream', async () => {
    const stack = createStack();
    expect((await stack.gateway.fetch('http://gateway/health')).status).toBe(200);
    expect(stack.calls()).toBe(0);
  });
});
