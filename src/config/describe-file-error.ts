/** Plain words for the errors a config, certificate or password file read can meet. */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

/** Why a file could not be read, in words and with the system's code: `no such file (ENOENT)`. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === undefined) return 'read error';
  const reason = REASONS[code];
  return reason ? `${reason} (${code})` : code;
}
