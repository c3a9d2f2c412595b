import type { TaskState } from './task-state';
import type { TaskOrigin } from './task-types';

/**
 * Where the task feed lives in the store (keys without the configured prefix). Every index
 * is scored by the task's `modified` time, except `active` (next poll time) and `expiry`
 * (the time a terminal task leaves the feed).
 */
export const TASK_KEYS = {
  record: (applianceId: string, taskId: string): string => `task:${applianceId}:${taskId}`,
  registration: (applianceId: string, taskId: string): string =>
    `task-reg:${applianceId}:${taskId}`,
  all: 'tasks:all',
  byState: (state: TaskState): string => `tasks:state:${state}`,
  byAppliance: (applianceId: string): string => `tasks:appliance:${applianceId}`,
  byOrigin: (origin: TaskOrigin): string => `tasks:origin:${origin}`,
  byApplianceState: (applianceId: string, state: TaskState): string =>
    `tasks:appliance:${applianceId}:state:${state}`,
  active: (applianceId: string): string => `tasks:active:${applianceId}`,
  expiry: 'tasks:expiry',
  cursor: (applianceId: string): string => `tasks:cursor:${applianceId}`,
  lease: (name: string): string => `tasks:lease:${name}`,
  events: 'tasks:events',
} as const;

/** The member of the feed's indexes for a task: `{applianceId}:{taskId}`, its public id. */
export function memberOf(applianceId: string, taskId: string): string {
  return `${applianceId}:${taskId}`;
}

/** Splits an index member back into its appliance and task ids. */
export function splitMember(member: string): { applianceId: string; taskId: string } {
  const colon = member.indexOf(':');
  return { applianceId: member.slice(0, colon), taskId: member.slice(colon + 1) };
}
