import { Module } from '@nestjs/common';
import { BackupSourceRepository } from './backup-source.repository.js';
import { BackupReader } from './backup.reader.js';
import { BackupStore } from './backup.store.js';
import { BackupVerifier } from './backup.verifier.js';
import { BackupsService } from './backups.service.js';

const PROVIDERS = [BackupStore, BackupReader, BackupSourceRepository, BackupsService, BackupVerifier];

/** Taking, listing, pruning and verifying backups: what the app and the ops CLI share (no HTTP, no queue). */
@Module({ providers: PROVIDERS, exports: PROVIDERS })
export class BackupsCoreModule {}
