import type { Store } from '../store/store';
import { matchesFilter } from './task-filter';
import type { TaskFilter, TaskPaging } from './task-filter';
import { TASK_KEYS, splitMember } from './task-keys';
import { parseStored } from './task-store';
import type { NormalizedTask } from './task-types';

/** A feed query: filters, page, and what the asking client may see. */
export interface TaskQuery {
  filter: TaskFilter;
  paging: TaskPaging;
  canSee: (applianceId: string) => boolean;
  /** True when the client sees every appliance (no scope filtering needed). */
  seesAll: boolean;
}

/** One page of the feed, newest first; `total` is null when counting would mean a full scan. */
export interface TaskFeedPage {
  members: NormalizedTask[];
  total: number | null;
  /** More matches follow this page. */
  more: boolean;
}

/** The most index members one query reads before it answers with what it found. */
const MAX_SCAN = 50_000;

/**
 * Answers a feed query from the store alone. Of the indexes that cover part of the filter,
 * the smallest is read newest first. When it matches the query exactly (the common
 * `state=running` or `appliance=x` case) the page is one range read and one `getMany`, and
 * the total is the index size. Otherwise it is scanned in chunks and filtered until the
 * page fills.
 */
export async function queryTasks(store: Store, query: TaskQuery): Promise<TaskFeedPage> {
  const { filter } = query;
  const appliance = filter.appliances?.length === 1 ? filter.appliances[0] : undefined;
  if (appliance !== undefined && !query.canSee(appliance)) {
    return { members: [], total: 0, more: false };
  }
  const candidates = candidateIndexes(filter, appliance);
  const sizes = await Promise.all(candidates.map((candidate) => store.indexSize(candidate.key)));
  const smallest = sizes.indexOf(Math.min(...sizes));
  const chosen = candidates[smallest] ?? { key: TASK_KEYS.all, covers: [] };
  const visible = appliance !== undefined || query.seesAll;
  const exact =
    visible &&
    filter.sinceMs === null &&
    dimensionsOf(filter).every((d) => chosen.covers.includes(d));
  if (exact) return readExact(store, chosen.key, query.paging, sizes[smallest] ?? 0);
  return scan(store, chosen.key, query);
}

type Dimension = 'state' | 'appliance' | 'origin';

interface Candidate {
  key: string;
  covers: Dimension[];
}

/** The indexes whose members all pass part of the filter (single values only). */
function candidateIndexes(filter: TaskFilter, appliance: string | undefined): Candidate[] {
  const state = filter.states?.length === 1 ? filter.states[0] : undefined;
  const candidates: Candidate[] = [{ key: TASK_KEYS.all, covers: [] }];
  if (state) candidates.push({ key: TASK_KEYS.byState(state), covers: ['state'] });
  if (appliance) candidates.push({ key: TASK_KEYS.byAppliance(appliance), covers: ['appliance'] });
  if (state && appliance) {
    const key = TASK_KEYS.byApplianceState(appliance, state);
    candidates.push({ key, covers: ['state', 'appliance'] });
  }
  if (filter.origin)
    candidates.push({ key: TASK_KEYS.byOrigin(filter.origin), covers: ['origin'] });
  return candidates;
}

function dimensionsOf(filter: TaskFilter): Dimension[] {
  const dimensions: Dimension[] = [];
  if (filter.states) dimensions.push('state');
  if (filter.appliances) dimensions.push('appliance');
  if (filter.origin) dimensions.push('origin');
  return dimensions;
}

async function readExact(
  store: Store,
  key: string,
  paging: TaskPaging,
  total: number,
): Promise<TaskFeedPage> {
  const members = await store.indexRangeDesc(key, paging.start, paging.count);
  const tasks = await readTasks(store, members);
  return { members: tasks, total, more: paging.start + members.length < total };
}

async function scan(store: Store, key: string, query: TaskQuery): Promise<TaskFeedPage> {
  const { start, count } = query.paging;
  const chunk = Math.min(1000, Math.max(100, (start + count + 1) * 2));
  const members: NormalizedTask[] = [];
  let matched = 0;
  for (let offset = 0; offset < MAX_SCAN; offset += chunk) {
    const ids = await store.indexRangeDesc(key, offset, chunk);
    for (const task of await readTasks(store, ids)) {
      if (query.filter.sinceMs !== null && Date.parse(task.modified) < query.filter.sinceMs) {
        return { members, total: matched, more: false };
      }
      if (!query.canSee(task.applianceId) || !matchesFilter(task, query.filter)) continue;
      if (matched >= start + count) return { members, total: null, more: true };
      if (matched >= start) members.push(task);
      matched += 1;
    }
    if (ids.length < chunk) return { members, total: matched, more: false };
  }
  return { members, total: null, more: false };
}

/** Fetches the records of index members in one round trip, skipping expired ones. */
export async function readTasks(store: Store, members: string[]): Promise<NormalizedTask[]> {
  const keys = members.map((member) => {
    const { applianceId, taskId } = splitMember(member);
    return TASK_KEYS.record(applianceId, taskId);
  });
  const now = Date.now();
  return (await store.getMany(keys)).flatMap((text) => {
    const stored = parseStored(text, now);
    return stored ? [stored.task] : [];
  });
}
