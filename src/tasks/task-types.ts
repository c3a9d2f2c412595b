import type { ErrorMessage } from '../errors/error-message';
import type { TaskState } from './task-state';

/** Where the gateway learned of a task: a 202 it proxied, or the appliance's own list. */
export type TaskOrigin = 'gateway' | 'appliance';

/** A task error in the gateway's error shape (SPEC 7), tagged with where it comes from. */
export interface TaskError extends ErrorMessage {
  source: 'appliance';
  applianceId: string;
  requestId: string | null;
}

/** The resource a task works on, with its address on the appliance face. */
export interface TaskResourceLink {
  name: string;
  category: string;
  uri: string;
  gatewayUri: string | null;
}

/** One task of the fleet as `GET /tasks` shows it (SPEC 6). */
export interface NormalizedTask {
  id: string;
  applianceId: string;
  uri: string;
  applianceTaskUri: string;
  name: string;
  owner: string;
  origin: TaskOrigin;
  state: TaskState;
  terminal: boolean;
  taskState: string;
  taskStatus: string;
  percentComplete: number;
  associatedResource: TaskResourceLink | null;
  errors: TaskError[];
  created: string;
  modified: string;
  requestId: string | null;
  /** The gateway client that started the task, when it went through the gateway. */
  startedBy: string | null;
}

/** What the gateway knows of a task it saw start: who, and by which request. */
export interface TaskRegistration {
  startedBy: string | null;
  requestId: string;
  method: string;
  path: string;
  registeredAt: string;
}

/** A task as the store keeps it: the normalized view plus what the watcher needs. */
export interface StoredTask {
  task: NormalizedTask;
  /** The appliance's ETag of the task, for conditional polls. */
  eTag: string | null;
  /** When a terminal task leaves the store (epoch ms); null while it runs. */
  expiresAt: number | null;
}
