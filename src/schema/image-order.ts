/**
 * `ImageOrder` and `ImageFilter`: the arguments of `Repository.images` that ECR Public cannot
 * answer itself. The data layer applies them to a whole listing (data/listings/arrange.ts).
 */
import { builder } from './builder';

const ImageOrderField = builder.enumType('ImageOrderField', {
  description: 'What to order images by.',
  values: {
    PUSHED_AT: { description: 'When the image was pushed (`imagePushedAt`).' },
    SIZE: { description: 'The image size in bytes (`imageSizeInBytes`).' },
  } as const,
});

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Which way an order runs.',
  values: {
    ASC: { description: 'Smallest or oldest first.' },
    DESC: { description: 'Largest or newest first.' },
  } as const,
});

export const ImageOrder = builder.inputType('ImageOrder', {
  description:
    'How to order images, such as `{ field: PUSHED_AT, direction: DESC }` for newest first. Images with the ' +
    'same value, or without one (listed last), follow in digest order, so the order never changes between pages.',
  fields: (t) => ({
    field: t.field({ type: ImageOrderField, required: true, description: 'What to order by.' }),
    direction: t.field({ type: OrderDirection, required: true, description: 'Which way.' }),
  }),
});

export const ImageFilter = builder.inputType('ImageFilter', {
  description: 'Which images to keep. Every condition given must hold; an empty filter keeps every image.',
  fields: (t) => ({
    tagged: t.boolean({
      description: '`true`: only images with at least one tag. `false`: only untagged images.',
    }),
    tagPrefix: t.string({
      description: 'Only images with a tag that starts with this text, case-sensitive: `1.4` keeps `1.4.2` and `1.40`.',
    }),
  }),
});
