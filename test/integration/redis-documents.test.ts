/**
 * Trusted documents and APQ across two real gateway processes sharing one Redis (REDIS_URL):
 * PERSISTED_DOCUMENTS read at start-up, and a registration on one replica served by hash on the other.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Replicas, startReplicas } from '../helpers/replicas';

const LISTED = '{ repository(name: "web/frontend") { repositoryName } }';
const REGISTERED = '{ repository(name: "web/frontend") { repositoryName __typename } }';
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
const apq = (text: string) => JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash(text) } });

describe('persisted documents across replicas', () => {
  let replicas: Replicas;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gateway-docs-')), 'persisted-documents.json');
    writeFileSync(file, JSON.stringify({ [`sha256:${hash(LISTED)}`]: LISTED }));
    replicas = await startReplicas({ PERSISTED_DOCUMENTS: file });
  }, 60_000);
  afterAll(() => replicas?.stop());

  it('serves a listed document on both replicas, and an APQ registration made on A from B', async () => {
    const [a, b] = replicas.bases;
    for (const base of [a, b]) {
      const listed = await fetch(`${base}/graphql?documentId=${hash(LISTED)}`);
      expect(await listed.json()).toEqual({ data: { repository: { repositoryName: 'web/frontend' } } });
    }
    const before = await fetch(`${b}/graphql?extensions=${encodeURIComponent(apq(REGISTERED))}`);
    expect(((await before.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    const registered = await fetch(`${a}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: REGISTERED, extensions: JSON.parse(apq(REGISTERED)) }),
    });
    expect(registered.status).toBe(200);
    // The shared copy is written without the request waiting for it: poll B until Redis has it.
    let answer: unknown;
    for (let attempt = 0; attempt < 50; attempt++) {
      const response = await fetch(`${b}/graphql?extensions=${encodeURIComponent(apq(REGISTERED))}`);
      answer = await response.json();
      if ((answer as { data?: unknown }).data) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(answer).toEqual({ data: { repository: { repositoryName: 'web/frontend', __typename: 'Repository' } } });
  });
});
