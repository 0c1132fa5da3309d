import type { MinaConfig } from '#src/config/config.js';
import type { BlobStore } from './blob-store.js';
import { LocalDiskBlobStore } from './local-disk-blob.store.js';
import { S3BlobStore } from './s3-blob.store.js';

/** Test-only tuning of the S3 store (small multipart parts against s3rver). */
export type S3Tuning = Pick<ConstructorParameters<typeof S3BlobStore>[0], 'multipartThresholdBytes' | 'partSizeBytes' | 'allowSmallParts'>;

const stores = new WeakMap<MinaConfig, BlobStore>();

/**
 * Where recording files live for this configuration: the bucket when MINA_S3_BUCKET is set, the
 * local directory otherwise. One store per config object, so the AUDIO_STORE, the retention sweep
 * and readiness share one S3 client.
 */
export function blobStoreFor(config: MinaConfig & { s3Tuning?: S3Tuning }): BlobStore {
  let store = stores.get(config);
  if (!store) {
    store = config.s3Bucket
      ? new S3BlobStore({
          bucket: config.s3Bucket,
          region: config.s3Region,
          endpoint: config.s3Endpoint,
          forcePathStyle: config.s3ForcePathStyle,
          accessKeyId: config.s3AccessKeyId,
          secretAccessKey: config.s3SecretAccessKey,
          prefix: config.s3Prefix,
          ...config.s3Tuning,
        })
      : new LocalDiskBlobStore(config.recordingsDir);
    stores.set(config, store);
  }
  return store;
}
