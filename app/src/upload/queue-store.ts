import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A submission waiting on the device until the server confirms it. Its id is fixed at creation. */
export type QueueItem = {
  id: string;
  observation: Record<string, unknown>;
  photos: Blob[];
  photoLocations: ({ lat: number; lon: number } | null)[];
  shareLocation: boolean;
  createdAt: string;
  attempts: number;
  nextAttemptAt: number;
  /** `waiting`: will retry; `failed`: the server refused it (reason kept); `signin`: needs a signed-in user. */
  state: 'waiting' | 'failed' | 'signin';
  lastError: string | null;
};

interface UploadDb extends DBSchema {
  queue: { key: string; value: QueueItem };
}

let dbPromise: Promise<IDBPDatabase<UploadDb>> | null = null;

/** IndexedDB (through idb) survives closing the browser; photos are stored as Blobs beside the form data. */
function db() {
  dbPromise ??= openDB<UploadDb>('landport-upload', 1, {
    upgrade(d) {
      d.createObjectStore('queue', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

export const queueStore = {
  async put(item: QueueItem) {
    await (await db()).put('queue', item);
  },
  async list(): Promise<QueueItem[]> {
    return (await (await db()).getAll('queue')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
  async remove(id: string) {
    await (await db()).delete('queue', id);
  },
};
