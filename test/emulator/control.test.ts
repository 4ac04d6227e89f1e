/** The control API over HTTP (as `npm run emulator` serves it), checked through the unmodified SDK. */
import { DescribeImagesCommand, DescribeImageTagsCommand } from '@aws-sdk/client-ecr-public';
import { createEmulator, type Emulator, type Listening } from '../../src/emulator';
import { digestOf, endpointClient, OTHER, smallFixture } from './sdk';

let emulator: Emulator;
let listening: Listening;

beforeEach(async () => {
  emulator = createEmulator(smallFixture());
  listening = await emulator.listen();
});
afterEach(() => listening.close());

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${listening.url}/__control/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function tagsByDigest(repositoryName = 'web/frontend', registryId?: string) {
  const client = endpointClient(listening.url);
  const { imageDetails = [] } = await client.send(new DescribeImagesCommand({ repositoryName, registryId }));
  const { imageTagDetails = [] } = await client.send(new DescribeImageTagsCommand({ repositoryName, registryId }));
  const fromTags: Record<string, string> = {};
  for (const d of imageTagDetails) fromTags[d.imageTag as string] = d.imageDetail?.imageDigest as string;
  const images = Object.fromEntries(imageDetails.map((d) => [d.imageDigest, d.imageTags ?? []]));
  return { images, fromTags };
}

describe('POST /__control/push, /untag, /delete', () => {
  it('adds an image, visible to DescribeImages and DescribeImageTags alike', async () => {
    const image = { imageDigest: digestOf(7), imageTags: ['2.0.0'], imagePushedAt: '2024-06-01T00:00:00Z' };
    const res = await post('push', { repositoryName: 'web/frontend', image });
    expect(res.status).toBe(200);
    const { images, fromTags } = await tagsByDigest();
    expect(images[digestOf(7)]).toEqual(['2.0.0']);
    expect(Object.keys(images)).toHaveLength(6);
    expect(fromTags['2.0.0']).toBe(digestOf(7));
  });

  it('moves a tag it names from the image that had it, and sets the tags of an image it already has', async () => {
    expect(
      (
        await post('push', {
          repositoryName: 'web/frontend',
          image: { imageDigest: digestOf(7), imageTags: ['latest'] },
        })
      ).status,
    ).toBe(200);
    let { images, fromTags } = await tagsByDigest();
    expect(images[digestOf(5)]).toEqual(['1.4.2']);
    expect(images[digestOf(7)]).toEqual(['latest']);
    expect(fromTags.latest).toBe(digestOf(7));
    // The same digest again: its tags are set, and nothing is added.
    await post('push', {
      repositoryName: 'web/frontend',
      image: { imageDigest: digestOf(1), imageTags: ['1.0.0', 'old'] },
    });
    ({ images, fromTags } = await tagsByDigest());
    expect(Object.keys(images)).toHaveLength(6);
    expect(images[digestOf(1)]).toEqual(['1.0.0', 'old']);
    expect(fromTags.old).toBe(digestOf(1));
  });

  it('untags and deletes, in another registry too', async () => {
    const untag = await post('untag', { repositoryName: 'web/frontend', tag: 'stable' });
    expect(untag).toEqual({ status: 200, json: { tag: 'stable', imageDigest: digestOf(3) } });
    const del = await post('delete', { repositoryName: 'web/frontend', imageDigest: digestOf(5) });
    expect(del).toEqual({ status: 200, json: { imageDigest: digestOf(5), imageTags: ['latest', '1.4.2'] } });
    const { images, fromTags } = await tagsByDigest();
    expect(images[digestOf(3)]).toEqual(['1.1.0']);
    expect(images[digestOf(5)]).toBeUndefined();
    expect(fromTags).not.toHaveProperty('stable');
    expect(fromTags).not.toHaveProperty('latest');
    expect((await post('untag', { registryId: OTHER, repositoryName: 'lumen/cli', tag: 'latest' })).status).toBe(200);
    expect((await tagsByDigest('lumen/cli', OTHER)).images[digestOf(99)]).toEqual([]);
  });

  it('refuses bad input with 400 and unknown names with 404, and changes nothing', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['push', '{not json', 400, /not JSON/],
      ['push', [1], 400, /JSON object/],
      ['push', { repositoryName: 'web/frontend' }, 400, /'image'/],
      ['push', { repositoryName: 'web/frontend', image: { imageDigest: 'nope' } }, 400, /image/],
      [
        'push',
        { repositoryName: 'web/frontend', image: { imageDigest: digestOf(8), imageTags: 'x' } },
        400,
        /imageTags/,
      ],
      ['push', { repositoryName: 7, image: { imageDigest: digestOf(8) } }, 400, /repositoryName/],
      ['push', { repositoryName: 'nope', image: { imageDigest: digestOf(8) } }, 404, /no repository/],
      ['untag', { repositoryName: 'web/frontend', tag: 'missing' }, 404, /no tag/],
      ['untag', { repositoryName: 'web/frontend' }, 400, /'tag'/],
      ['delete', { repositoryName: 'web/frontend', imageDigest: digestOf(9) }, 404, /no image/],
      [
        'delete',
        { registryId: '000000000000', repositoryName: 'web/frontend', imageDigest: digestOf(1) },
        404,
        /registry/,
      ],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(path, body);
      expect([path, res.status]).toEqual([path, status]);
      expect(res.json.error).toMatch(message);
    }
    expect(Object.keys((await tagsByDigest()).images)).toHaveLength(5);
  });

  it('is the same API in-process', async () => {
    emulator.control.push({
      repositoryName: 'web/frontend',
      image: { imageDigest: digestOf(7), imageTags: ['stable'] },
    });
    expect((await tagsByDigest()).fromTags.stable).toBe(digestOf(7));
    expect(() => emulator.control.untag({ repositoryName: 'web/frontend', tag: 'gone' })).toThrow(/no tag/);
  });
});

describe('GET /__control/calls, POST /__control/faults and /reset, GET /__control/health', () => {
  it('lists the calls after a sequence number, with status and error type', async () => {
    const client = endpointClient(listening.url);
    await client.send(new DescribeImagesCommand({ repositoryName: 'web/frontend' }));
    await client.send(new DescribeImagesCommand({ repositoryName: 'nope' })).catch(() => undefined);
    const all = (await (await fetch(`${listening.url}/__control/calls`)).json()) as Record<string, unknown>[];
    expect(all.map((c) => [c.seq, c.operation, c.status, c.errorType])).toEqual([
      [1, 'DescribeImages', 200, null],
      [2, 'DescribeImages', 400, 'RepositoryNotFoundException'],
    ]);
    expect(all[0]?.input).toEqual({ repositoryName: 'web/frontend' });
    expect(typeof all[0]?.at).toBe('string');
    const since = (await (await fetch(`${listening.url}/__control/calls?since=1`)).json()) as { seq: number }[];
    expect(since.map((c) => c.seq)).toEqual([2]);
    expect((await fetch(`${listening.url}/__control/calls?since=x`)).status).toBe(400);
  });

  it('merges valid faults, refuses invalid ones, and resets', async () => {
    expect((await post('faults', { serverErrorRate: 2 })).status).toBe(400);
    expect((await post('faults', { bogus: 1 })).json.error).toMatch(/bogus/);
    expect((await post('faults', { operations: 'DescribeImages' })).status).toBe(400);
    expect((await post('faults', { serverErrorRate: 1, operations: ['DescribeImages'] })).status).toBe(200);
    expect((await post('faults', { latencyMs: 0 })).json).toMatchObject({
      serverErrorRate: 1,
      operations: ['DescribeImages'],
    });
    const client = endpointClient(listening.url);
    await expect(client.send(new DescribeImagesCommand({ repositoryName: 'web/frontend' }))).rejects.toThrow();
    expect((await post('reset', {})).status).toBe(200);
    const calls = (await (await fetch(`${listening.url}/__control/calls`)).json()) as unknown[];
    expect(calls).toEqual([]);
    await client.send(new DescribeImagesCommand({ repositoryName: 'web/frontend' }));
    expect((await fetch(`${listening.url}/__control/health`)).status).toBe(200);
    expect((await fetch(`${listening.url}/__control/nothing`)).status).toBe(404);
  });
});
