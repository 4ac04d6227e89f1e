/** The API model's output shapes as checks of what ECR Public answers (src/ecr/answers.ts). */
import { answerProblem } from '../../src/ecr/answers';

const image = {
  imageDigest: 'sha256:ab',
  imageTags: ['latest'],
  imageSizeInBytes: 6_000_000_123,
  imagePushedAt: new Date(),
};

describe('answerProblem', () => {
  it('lets a well-formed answer through, with members and enum values the model does not know yet', () => {
    expect(
      answerProblem('DescribeImages', { maxResults: 1 }, { imageDetails: [image], nextToken: 't' }),
    ).toBeUndefined();
    const registry = {
      registryId: '111122223333',
      registryArn: 'arn:aws:ecr-public::111122223333:registry/111122223333',
      registryUri: 'public.ecr.aws/testco',
      verified: false,
      aliases: [{ name: 'testco', status: 'SOMETHING_NEW', primaryRegistryAlias: true, defaultRegistryAlias: true }],
      newMember: { any: 'thing' },
    };
    expect(answerProblem('DescribeRegistries', {}, { registries: [registry], $metadata: {} })).toBeUndefined();
    // The wire's epoch seconds pass as well as the SDK's Date; a null member is an absent one.
    expect(
      answerProblem('DescribeImages', {}, { imageDetails: [{ ...image, imagePushedAt: 1714638600 }], nextToken: null }),
    ).toBeUndefined();
  });

  it('names the first departure by its path', () => {
    expect(answerProblem('DescribeImages', {}, { imageDetails: [image, { ...image, imageTags: ['a', 7] }] })).toBe(
      'imageDetails[1].imageTags[1] is a number, not a string',
    );
    expect(answerProblem('DescribeImages', {}, { imageDetails: [{ ...image, imageSizeInBytes: 1.5 }] })).toBe(
      'imageDetails[0].imageSizeInBytes is a number, not an integer',
    );
    expect(answerProblem('GetRegistryCatalogData', {}, {})).toBe('registryCatalogData is missing');
    expect(answerProblem('GetRepositoryCatalogData', {}, { catalogData: { marketplaceCertified: 'yes' } })).toBe(
      'catalogData.marketplaceCertified is a string, not a boolean',
    );
    expect(answerProblem('DescribeImages', {}, 'text')).toBe('the answer is a string, not an object');
  });

  it('bounds lists and strings by the model, and a page by the maxResults asked (else the model’s 1000)', () => {
    const tags = Array.from({ length: 201 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(answerProblem('ListTagsForResource', {}, { tags })).toBe('tags has 201 items, more than 200');
    expect(answerProblem('GetRepositoryCatalogData', {}, { catalogData: { description: 'd'.repeat(1025) } })).toBe(
      'catalogData.description has 1025 characters, more than 1024',
    );
    const page = (n: number) => ({ imageDetails: Array.from({ length: n }, () => image) });
    expect(answerProblem('DescribeImages', { maxResults: 3 }, page(3))).toBeUndefined();
    expect(answerProblem('DescribeImages', { maxResults: 3 }, page(4))).toBe(
      'imageDetails has 4 items, more than maxResults (3)',
    );
    expect(answerProblem('DescribeImages', { imageIds: [] }, page(1001))).toBe(
      'imageDetails has 1001 items, more than maxResults (1000)',
    );
    expect(answerProblem('DescribeImageTags', {}, { imageTagDetails: Array.from({ length: 1001 }, () => ({})) })).toBe(
      'imageTagDetails has 1001 items, more than maxResults (1000)',
    );
  });
});
