import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';
import { TASK_KEYS } from './task-keys';
import type { NormalizedTask } from './task-types';

/** One change of a task, with its place in the event stream (the SSE `id`). */
export interface TaskEvent {
  id: string;
  task: NormalizedTask;
}

/** Receives every task event of the fleet, whichever replica saw the change. */
export type TaskEventListener = (event: TaskEvent) => void;

// Enough for a client that was away for a few minutes on a busy fleet to resume.
const STREAM_MAX_LENGTH = 10_000;

/**
 * The task event log: a stream in the store (so that `Last-Event-ID` can resume) and a
 * channel that carries each event to every replica, where it fans out in process to the
 * SSE clients and waiting requests. One store subscription per replica, however many
 * clients listen.
 */
export class TaskEventLog {
  readonly #listeners = new Set<TaskEventListener>();
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    readonly store: Store,
    readonly log: Logger,
  ) {}

  /** Subscribes this replica to the channel. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.store.subscribe(TASK_KEYS.events, (message) =>
      this.#dispatch(message),
    );
  }

  /** Ends the subscription and drops this replica's listeners. */
  async stop(): Promise<void> {
    await this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#listeners.clear();
  }

  /** Appends a change to the stream and announces it to every replica. */
  async append(task: NormalizedTask): Promise<void> {
    const data = JSON.stringify(task);
    const id = await this.store.streamAppend(TASK_KEYS.events, data, STREAM_MAX_LENGTH);
    await this.store.publish(TASK_KEYS.events, JSON.stringify({ id, task }));
  }

  /** Calls `listener` for each event from now on; returns the function that stops it. */
  listen(listener: TaskEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Events after `afterId`, oldest first (for `Last-Event-ID`). */
  async readAfter(afterId: string, limit: number): Promise<TaskEvent[]> {
    const entries = await this.store.streamRead(TASK_KEYS.events, afterId, limit);
    return entries.flatMap((entry) => {
      const task = parseJson(entry.data) as NormalizedTask | undefined;
      return task ? [{ id: entry.id, task }] : [];
    });
  }

  #dispatch(message: string): void {
    const event = parseJson(message) as TaskEvent | undefined;
    if (!event?.task) return;
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error }, 'task event listener failed');
      }
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
