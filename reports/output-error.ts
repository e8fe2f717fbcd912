// A file the user asked us to write cannot be written (a regular file where a directory
// should be, a read-only file system, a full disk, ...). The CLI turns it into one line
// and exit 2, like any other bad input.
export class OutputError extends Error {
  override readonly name = 'OutputError';
  constructor(message: string, readonly path: string) {
    super(message);
  }
}

const WHY: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a path component is not a directory',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  EEXIST: 'already exists',
  ELOOP: 'is a symbolic link',
  EIO: 'I/O error',
};

/** "ENOSPC (no space left on device)" for a Node fs error, its message otherwise. */
export function fsReason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  if (code !== undefined) return `${code} (${WHY[code] ?? 'cannot write'})`;
  return e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
}
