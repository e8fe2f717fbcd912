// Linux errno values (include/uapi/asm-generic/errno-base.h, errno.h). Kernel functions
// in the simulation return -errno for expected failures, as the kernel does.
export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EIO = 5;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const ENODEV = 19;
export const EINVAL = 22;
export const ENOTTY = 25;
export const ENOSPC = 28;
export const ERANGE = 34;
export const EOPNOTSUPP = 95;

const NAMES: Readonly<Record<number, string>> = {
  [EPERM]: 'EPERM', [ENOENT]: 'ENOENT', [ESRCH]: 'ESRCH', [EIO]: 'EIO', [EBADF]: 'EBADF', [EAGAIN]: 'EAGAIN',
  [ENOMEM]: 'ENOMEM', [EACCES]: 'EACCES', [EFAULT]: 'EFAULT', [EBUSY]: 'EBUSY', [EEXIST]: 'EEXIST', [ENODEV]: 'ENODEV',
  [EINVAL]: 'EINVAL', [ENOTTY]: 'ENOTTY', [ENOSPC]: 'ENOSPC', [ERANGE]: 'ERANGE', [EOPNOTSUPP]: 'EOPNOTSUPP',
};

/** "-EINVAL" for -22, the number itself for anything that is not an errno. */
export function errname(ret: number): string {
  if (ret >= 0) return String(ret);
  return `-${NAMES[-ret] ?? `E${-ret}`}`;
}

/** IS_ERR_VALUE for our plain-number returns: negative means -errno. */
export function is_err(ret: number): boolean {
  return ret < 0;
}
