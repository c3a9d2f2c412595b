import { readFileSync, watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import path from 'node:path';

/** How long the files must stay quiet before `onChange` runs: an editor writes in steps. */
const DEBOUNCE_MS = 250;

/**
 * Calls `onChange` when the content of any of `files` has changed and the folders have
 * been quiet for a moment. Folders are watched, not the files: editors and Kubernetes
 * ConfigMaps replace a file (a rename, a symlink swap) rather than write into it, which a
 * watch on the file itself would miss. Returns a function that stops watching.
 */
export function watchFiles(files: string[], onChange: () => void): () => void {
  let seen = readAll(files);
  let timer: NodeJS.Timeout | undefined;
  const settle = (): void => {
    const now = readAll(files);
    if (now === seen) return;
    seen = now;
    onChange();
  };
  const folders = new Set(files.map((file) => path.dirname(path.resolve(file))));
  const watchers: FSWatcher[] = [...folders].map((folder) =>
    watch(folder, () => {
      clearTimeout(timer);
      timer = setTimeout(settle, DEBOUNCE_MS);
    }).unref(),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/** The files' contents together; a missing file reads as empty (it may be mid-replace). */
function readAll(files: string[]): string {
  return files
    .map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    })
    .join('\0');
}
