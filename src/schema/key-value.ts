/** `KeyValue` and `ImageLayer`: the small members of image contents (labels, annotations, layers). */
import { ImageLayerType, KeyValueType } from './refs';

KeyValueType.implement({
  description: 'One entry of a map, such as a label or an annotation; lists of them are sorted by key.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The name, such as `org.opencontainers.image.source`.' }),
    value: t.exposeString('value', { description: 'Its value.' }),
  }),
});

ImageLayerType.implement({
  description: "A layer of a platform's image, as its manifest describes it.",
  fields: (t) => ({
    digest: t.exposeString('digest', { description: 'The `sha256:` digest of the compressed layer.' }),
    mediaType: t.exposeString('mediaType', {
      description: 'Such as `application/vnd.oci.image.layer.v1.tar+gzip`.',
    }),
    sizeInBytes: t.field({
      type: 'SafeInt',
      description: 'Compressed size in bytes: what a pull transfers.',
      resolve: (layer) => layer.size,
    }),
  }),
});
