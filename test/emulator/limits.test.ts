/**
 * Each limit of the API model (shared/reference/ecr-public.smithy.json) at and just past its edge:
 * MaxResults range 1..1000, ImageIdentifierList and RepositoryNameList length 1..100, RepositoryName
 * length 2..205 and pattern, RegistryId pattern ^[0-9]{12}$, ImageTag length 1..300, Arn length 1..2048.
 */
import {
  DescribeImagesCommand,
  DescribeImageTagsCommand,
  DescribeRegistriesCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr-public';
import { createEmulator, createSyntheticRepository } from '../../src/emulator';
import { inProcessClient, OWN, rejectionOf } from './sdk';

const NAME_PATTERN = '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*';

describe('limits from the API model', () => {
  const repo = createSyntheticRepository('bench/many', 120);
  const names = Array.from({ length: 101 }, (_, i) => `repo-${i}`);
  const emulator = createEmulator({
    registries: [{ registryId: OWN, repositories: [repo, ...names.map((repositoryName) => ({ repositoryName }))] }],
  });
  const client = inProcessClient(emulator);
  const images = (input: Partial<ConstructorParameters<typeof DescribeImagesCommand>[0]>) =>
    client.send(new DescribeImagesCommand({ repositoryName: 'bench/many', ...input }));
  const refusal = async (promise: Promise<unknown>) => {
    const error = await rejectionOf(promise);
    expect(error.name).toBe('InvalidParameterException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    return error.message;
  };

  it('maxResults: 1 and 1000 pass, 0 and 1001 are refused', async () => {
    expect((await images({ maxResults: 1 })).imageDetails).toHaveLength(1);
    expect((await images({ maxResults: 1000 })).imageDetails).toHaveLength(120);
    expect(await refusal(images({ maxResults: 0 }))).toBe(
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(await refusal(images({ maxResults: 1001 }))).toBe(
      "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
    );
    for (const send of [
      (maxResults: number) => client.send(new DescribeImageTagsCommand({ repositoryName: 'bench/many', maxResults })),
      (maxResults: number) => client.send(new DescribeRepositoriesCommand({ maxResults })),
      (maxResults: number) => client.send(new DescribeRegistriesCommand({ maxResults })),
    ]) {
      await send(1000);
      expect(await refusal(send(1001))).toMatch(/less than or equal to 1000$/);
      expect(await refusal(send(0))).toMatch(/greater than or equal to 1$/);
    }
  });

  it('imageIds: 100 pass, 101 and an empty list are refused', async () => {
    const ids = (repo.images ?? []).map((i) => ({ imageDigest: i.imageDigest }));
    expect((await images({ imageIds: ids.slice(0, 100) })).imageDetails).toHaveLength(100);
    expect(await refusal(images({ imageIds: ids.slice(0, 101) }))).toMatch(
      /^1 validation error detected: Value '\[ImageIdentifier\(imageDigest=sha256:[0-9a-f]{64}, imageTag=null\), .*\]' at 'imageIds' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
    expect(await refusal(images({ imageIds: [] }))).toMatch(/at 'imageIds' .* greater than or equal to 1$/);
  });

  it('repositoryNames: 100 pass, 101 are refused', async () => {
    const send = (repositoryNames: string[]) => client.send(new DescribeRepositoriesCommand({ repositoryNames }));
    expect((await send(names.slice(0, 100))).repositories).toHaveLength(100);
    expect(await refusal(send(names))).toMatch(
      /at 'repositoryNames' failed to satisfy constraint: Member must have length less than or equal to 100$/,
    );
  });

  it('repositoryName: length 2 and 205 pass validation, 1 and 206 do not, nor a name off the pattern', async () => {
    for (const name of ['ab', `${'a/'.repeat(101)}abc`]) {
      expect(name.length === 2 || name.length === 205).toBe(true);
      expect((await rejectionOf(images({ repositoryName: name }))).name).toBe('RepositoryNotFoundException');
    }
    expect(await refusal(images({ repositoryName: 'a' }))).toBe(
      "1 validation error detected: Value 'a' at 'repositoryName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
    expect(await refusal(images({ repositoryName: `${'a/'.repeat(101)}abcd` }))).toMatch(
      /at 'repositoryName' failed to satisfy constraint: Member must have length less than or equal to 205$/,
    );
    expect(await refusal(images({ repositoryName: 'Web/Frontend' }))).toBe(
      `1 validation error detected: Value 'Web/Frontend' at 'repositoryName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
    );
    expect(
      await refusal(client.send(new DescribeRepositoriesCommand({ repositoryNames: ['ok', 'bad//name'] }))),
    ).toMatch(/^1 validation error detected: Value 'bad\/\/name' at 'repositoryNames.2.member' failed/);
  });

  it('registryId: twelve digits pass, anything else is refused', async () => {
    expect((await images({ registryId: OWN, maxResults: 1 })).imageDetails).toHaveLength(1);
    for (const registryId of ['12345678901', '1234567890123', 'acme00000000']) {
      expect(await refusal(images({ registryId }))).toBe(
        `1 validation error detected: Value '${registryId}' at 'registryId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]{12}`,
      );
    }
  });

  it('imageTag: length 1 and 300 pass validation, 0 and 301 do not', async () => {
    for (const imageTag of ['x', 't'.repeat(300)]) {
      expect((await rejectionOf(images({ imageIds: [{ imageTag }] }))).name).toBe('ImageNotFoundException');
    }
    expect(await refusal(images({ imageIds: [{ imageTag: 'ok' }, { imageTag: 't'.repeat(301) }] }))).toMatch(
      /^1 validation error detected: Value 't{301}' at 'imageIds.2.member.imageTag' failed to satisfy constraint: Member must have length less than or equal to 300$/,
    );
    expect(await refusal(images({ imageIds: [{ imageTag: '' }] }))).toBe(
      "1 validation error detected: Value '' at 'imageIds.1.member.imageTag' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('resourceArn: 2048 characters pass validation, 2049 and none do not', async () => {
    const arn = (length: number) => `arn:aws:ecr-public::${OWN}:repository/${'a'.repeat(length - 44)}`;
    expect(arn(2048)).toHaveLength(2048);
    const send = (resourceArn: string) => client.send(new ListTagsForResourceCommand({ resourceArn }));
    expect((await rejectionOf(send(arn(2048)))).name).toBe('RepositoryNotFoundException');
    expect(await refusal(send(arn(2049)))).toMatch(
      /at 'resourceArn' failed to satisfy constraint: Member must have length less than or equal to 2048$/,
    );
    expect(await refusal(send(''))).toMatch(
      /^1 validation error detected: Value '' at 'resourceArn' .* greater than or equal to 1$/,
    );
  });

  it('reports every violation of one request, joined as AWS joins them', async () => {
    expect(await refusal(images({ repositoryName: 'X', maxResults: 0 }))).toBe(
      "3 validation errors detected: Value 'X' at 'repositoryName' failed to satisfy constraint: Member must have length greater than or equal to 2; " +
        `Value 'X' at 'repositoryName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}; ` +
        "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});
