import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** Who saved an item on this (possibly shared) phone: only they send it. */
export type SavedBy = { id: string; displayName: string };

/**
 * Whether the signed-in observer owns an item on this phone: nobody signed in owns nothing; an item saved before
 * accounts were remembered belongs to whoever signs in.
 */
export const ownedBy = (me: { id: string } | null, item: { savedBy?: SavedBy | null }) => me !== null && (!item.savedBy || item.savedBy.id === me.id);

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
  /** Absent on items saved before accounts were remembered: the next signed-in observer sends them. */
  savedBy?: SavedBy | null;
  /** Set when the item was edited after a send was attempted: the server may hold the earlier version. */
  editedAfterAttempt?: boolean;
};

/** A submission the server confirmed, kept to show its review status (pending, approved, rejected and why). */
export type SentItem = {
  id: string;
  observation: Record<string, unknown>;
  photoCount: number;
  sentAt: string;
  savedBy: SavedBy | null;
  status: 'pending' | 'approved' | 'rejected';
  reviewReason: string | null;
  /** When the status was last read from the server (null: not since sending). */
  checkedAt: string | null;
};

interface UploadDb extends DBSchema {
  queue: { key: string; value: QueueItem };
  sent: { key: string; value: SentItem };
}

/** How many sent items the phone remembers (newest kept): enough for weeks of field work, bounded storage. */
export const SENT_KEPT = 200;

let dbPromise: Promise<IDBPDatabase<UploadDb>> | null = null;

/** IndexedDB (through idb) survives closing the browser; photos are stored as Blobs beside the form data. */
function db() {
  dbPromise ??= openDB<UploadDb>('landport-upload', 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) d.createObjectStore('queue', { keyPath: 'id' });
      if (oldVersion < 2) d.createObjectStore('sent', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

export const queueStore = {
  async put(item: QueueItem) {
    await (await db()).put('queue', item);
  },
  async get(id: string) {
    return (await db()).get('queue', id);
  },
  async list(): Promise<QueueItem[]> {
    return (await (await db()).getAll('queue')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
  async remove(id: string) {
    await (await db()).delete('queue', id);
  },
  /** Moves a confirmed item from the queue to the sent list in one transaction: it is never in both, nor neither. */
  async markSent(item: QueueItem, status: SentItem['status']) {
    const tx = (await db()).transaction(['queue', 'sent'], 'readwrite');
    await tx.objectStore('sent').put({
      id: item.id, observation: item.observation, photoCount: item.photos.length, sentAt: new Date().toISOString(),
      savedBy: item.savedBy ?? null, status, reviewReason: null, checkedAt: null,
    });
    await tx.objectStore('queue').delete(item.id);
    await tx.done;
    await pruneSent();
  },
};

async function pruneSent() {
  const all = await sentStore.list();
  const d = await db();
  for (const old of all.slice(SENT_KEPT)) await d.delete('sent', old.id);
}

export const sentStore = {
  /** Newest first. */
  async list(): Promise<SentItem[]> {
    return (await (await db()).getAll('sent')).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
  },
  async update(id: string, patch: Pick<SentItem, 'status' | 'reviewReason' | 'checkedAt'>) {
    const d = await db();
    const item = await d.get('sent', id);
    if (item) await d.put('sent', { ...item, ...patch });
  },
};
