import { taskIdOf } from '../proxy/rewrite-location';
import type { Store } from '../store/store';
import { modifiedMs, normalizeTask } from './normalize-task';
import type { TaskEventLog } from './task-events';
import { TASK_KEYS, memberOf } from './task-keys';
import { writeIndexes } from './write-indexes';
import type { NormalizedTask, StoredTask, TaskRegistration } from './task-types';

/** How long the feed keeps tasks. */
export interface TaskStoreSettings {
  /** A terminal task leaves the feed this long after the gateway saw it end. */
  retentionMs: number;
  /** First poll of a task that is still running, after it was saved. */
  pollIntervalMs: number;
}

/** One appliance answer to save: the task body and what came with it. */
export interface TaskUpdate {
  applianceId: string;
  body: unknown;
  /** The task id, when the body may not name it. */
  taskId?: string;
  eTag?: string | null;
  /** Next poll time of a task that is still running; default one poll interval from now. */
  dueAt?: number;
}

/** What saving an answer did: the task as stored, and whether anything visible changed. */
export interface SaveResult {
  stored: StoredTask;
  changed: boolean;
}

// A running task the appliance stops mentioning still leaves the store eventually.
const RUNNING_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * The task records of the feed and their indexes. Saving merges the appliance's answer with
 * the task's registration, writes only when something visible changed, and then appends
 * the change to the event log that SSE clients and waiting requests follow.
 */
export class TaskStore {
  constructor(
    readonly store: Store,
    readonly settings: TaskStoreSettings,
    readonly events: TaskEventLog,
  ) {}

  /** The stored task, or null when unknown or past its retention. */
  async read(applianceId: string, taskId: string): Promise<StoredTask | null> {
    const text = await this.store.get(TASK_KEYS.record(applianceId, taskId));
    return parseStored(text, Date.now());
  }

  /** Records who started a task, before its first answer is saved. */
  async register(
    applianceId: string,
    taskId: string,
    registration: TaskRegistration,
  ): Promise<void> {
    const key = TASK_KEYS.registration(applianceId, taskId);
    await this.store.set(key, JSON.stringify(registration), RUNNING_TTL_MS);
  }

  /** Saves an appliance's answer about a task; null when the body is not a task. */
  async save(update: TaskUpdate): Promise<SaveResult | null> {
    const now = Date.now();
    const taskId = update.taskId ?? taskIdFromBody(update.body);
    if (taskId === undefined) return null;
    const [recordText, registrationText] = await this.store.getMany([
      TASK_KEYS.record(update.applianceId, taskId),
      TASK_KEYS.registration(update.applianceId, taskId),
    ]);
    const previous = parseStored(recordText ?? null, now);
    const read = normalizeTask(update.body, {
      applianceId: update.applianceId,
      taskId,
      registration: parseRegistration(registrationText ?? null),
      now: new Date(now),
    });
    if (read === null) return null;
    // A terminal task is final. An answer read before it ended (a list page, a live read on
    // another replica racing the poll) that arrives late must not bring it back to running;
    // only what the gateway learned of its start is taken from it.
    const late = previous !== null && previous.task.terminal && !read.terminal;
    const task = late ? withStart(previous.task, read) : read;

    const eTag = late ? previous.eTag : (update.eTag ?? null);
    if (previous && JSON.stringify(previous.task) === JSON.stringify(task)) {
      return { stored: { ...previous, eTag: eTag ?? previous.eTag }, changed: false };
    }
    const expiresAt = task.terminal ? now + this.settings.retentionMs : null;
    const stored: StoredTask = { task, eTag, expiresAt };
    await this.#write(stored, previous, update.dueAt ?? now + this.settings.pollIntervalMs);
    return { stored, changed: true };
  }

  /** Sets when a running task is polled next. */
  async schedule(applianceId: string, taskId: string, dueAt: number): Promise<void> {
    await this.store.indexAdd(TASK_KEYS.active(applianceId), dueAt, taskId);
  }

  /** Stops polling a task (the appliance no longer knows it). */
  async unwatch(applianceId: string, taskId: string): Promise<void> {
    await this.store.indexRemove(TASK_KEYS.active(applianceId), taskId);
  }

  /** Running tasks of an appliance whose poll is due, oldest due first. */
  dueTasks(applianceId: string, now: number, limit: number): Promise<string[]> {
    return this.store.indexRangeUpTo(TASK_KEYS.active(applianceId), now, limit);
  }

  async #write(stored: StoredTask, previous: StoredTask | null, dueAt: number): Promise<void> {
    const { task } = stored;
    const [applianceId, taskId] = [task.applianceId, task.id.slice(task.applianceId.length + 1)];
    const ttlMs = stored.expiresAt === null ? RUNNING_TTL_MS : this.settings.retentionMs + 60_000;
    await this.store.set(TASK_KEYS.record(applianceId, taskId), JSON.stringify(stored), ttlMs);
    await writeIndexes(this.store, {
      applianceId,
      taskId,
      member: memberOf(applianceId, taskId),
      score: modifiedMs(task),
      state: task.state,
      previousState: previous?.task.state ?? null,
      origin: task.origin,
      previousOrigin: previous?.task.origin ?? null,
      expiresAt: stored.expiresAt,
      dueAt,
    });
    await this.events.append(task);
  }
}

/** A stored task with who started it taken from a later reading that knows it. */
function withStart(stored: NormalizedTask, read: NormalizedTask): NormalizedTask {
  if (read.origin !== 'gateway') return stored;
  const { origin, requestId, startedBy } = read;
  const errors = stored.errors.map((error) => ({ ...error, requestId }));
  return { ...stored, origin, requestId, startedBy, errors };
}

/** Parses a stored record; null when absent, unreadable or past its retention. */
export function parseStored(text: string | null, now: number): StoredTask | null {
  if (text === null) return null;
  try {
    const stored = JSON.parse(text) as StoredTask;
    return stored.expiresAt !== null && stored.expiresAt <= now ? null : stored;
  } catch {
    return null;
  }
}

function parseRegistration(text: string | null): TaskRegistration | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as TaskRegistration;
  } catch {
    return null;
  }
}

function taskIdFromBody(body: unknown): string | undefined {
  const uri = (body as { uri?: unknown } | null | undefined)?.uri;
  return typeof uri === 'string' ? (taskIdOf(uri) ?? undefined) : undefined;
}
