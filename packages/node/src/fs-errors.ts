// tensorflow/core/platform/posix/error.cc (ErrnoToCode) and posix_file_system.cc (IOError): a failed file call is
// the tf.errors class of its errno, with the message `<file>; <strerror>` naming the file, as TF's file system
// layer reports it. Anything that is not an errno error (a bug) is passed through unchanged.
import { errors } from "@scopeflow/core";

type ErrorClass = new (message: string) => Error;

const CODES: [ErrorClass, string[]][] = [
  [errors.InvalidArgumentError, ["EINVAL", "ENAMETOOLONG", "E2BIG", "EDESTADDRREQ", "EDOM", "EFAULT", "EILSEQ"]],
  [errors.InvalidArgumentError, ["ENOPROTOOPT", "ENOSTR", "ENOTSOCK", "ENOTTY", "EPROTOTYPE", "ESPIPE"]],
  [errors.DeadlineExceededError, ["ETIMEDOUT", "ETIME"]],
  [errors.NotFoundError, ["ENODEV", "ENOENT", "ENXIO", "ESRCH"]],
  [errors.AlreadyExistsError, ["EEXIST", "EADDRNOTAVAIL", "EALREADY"]],
  [errors.PermissionDeniedError, ["EPERM", "EACCES", "EROFS"]],
  [errors.FailedPreconditionError, ["ENOTEMPTY", "EISDIR", "ENOTDIR", "EADDRINUSE", "EBADF", "EBUSY", "ECHILD"]],
  [errors.FailedPreconditionError, ["EISCONN", "ENOTBLK", "ENOTCONN", "EPIPE", "ESHUTDOWN", "ETXTBSY"]],
  [errors.ResourceExhaustedError, ["ENOSPC", "EDQUOT", "EMFILE", "EMLINK", "ENFILE", "ENOBUFS", "ENODATA", "ENOMEM"]],
  [errors.ResourceExhaustedError, ["ENOSR", "EUSERS"]],
  [errors.OutOfRangeError, ["EFBIG", "EOVERFLOW", "ERANGE"]],
  [errors.UnimplementedError, ["ENOSYS", "ENOTSUP", "EAFNOSUPPORT", "EPFNOSUPPORT", "EPROTONOSUPPORT", "EXDEV"]],
  [errors.UnavailableError, ["EAGAIN", "ECONNREFUSED", "ECONNABORTED", "ECONNRESET", "EINTR", "EHOSTDOWN"]],
  [errors.UnavailableError, ["EHOSTUNREACH", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENOLCK", "ENOLINK", "ENONET"]],
  [errors.AbortedError, ["EDEADLK", "ESTALE"]],
  [errors.CancelledError, ["ECANCELED"]],
];
const CLASS_OF = new Map(CODES.flatMap(([cls, codes]) => codes.map((code) => [code, cls] as const)));

/** glibc's strerror for the common codes (TF prints strerror; libuv's wording differs for some). */
const STRERROR: Record<string, string> = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EPERM: "Operation not permitted",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  ENOSPC: "No space left on device",
  EDQUOT: "Disk quota exceeded",
  EMFILE: "Too many open files",
  EROFS: "Read-only file system",
  EIO: "Input/output error",
};

/** strerror(errno): glibc's text, else libuv's message (`EACCES: permission denied, open 'x'`) capitalized. */
function strerror(error: NodeJS.ErrnoException, code: string): string {
  if (Object.hasOwn(STRERROR, code)) return STRERROR[code];
  const text = /^[A-Z0-9]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** posix_file_system.cc: IOError(path, errno): the tf.errors class of the errno, naming `path`; UnknownError else. */
export function fileSystemError(path: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !/^E[A-Z0-9]+$/.test(code)) return error;
  const cls = CLASS_OF.get(code) ?? errors.UnknownError;
  return new cls(`${path}; ${strerror(error as NodeJS.ErrnoException, code)}`);
}
