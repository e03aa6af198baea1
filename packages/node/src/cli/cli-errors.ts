// The scopeflow command's exit codes and errors: 0 ok, 1 drift or a failed check, 2 a usage or file error.

export const EXIT_OK = 0;
export const EXIT_DRIFT = 1;
export const EXIT_ERROR = 2;

/** A wrong command line: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A file that cannot be read as what the command needs: printed naming the file, exit 2. */
export class FileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message.includes(path) ? message : `${path}: ${message}`);
    this.name = "FileError";
  }
}

/** Where a command writes: stdout for results, stderr for notes and errors. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/** Runs `body`, turning any error it throws about `path` into a FileError naming the file. */
export function readingFile<T>(path: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof FileError || error instanceof UsageError) throw error;
    const e = error as Error;
    throw new FileError(path, `${e.name && e.name !== "Error" ? `${e.name}: ` : ""}${e.message}`);
  }
}
