// framework/errors.py: OpError subclasses, plus Python's ValueError as TF raises it.
// Every class carries a Symbol.for brand so that `isInstance` works across an ESM and a CJS copy of core.

const BRAND = Symbol.for("scopeflow.error");

abstract class BrandedError extends Error {
  readonly [BRAND]: string;
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
    this[BRAND] = name;
  }
}

function brandCheck(name: string) {
  return (value: unknown): boolean =>
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === name;
}

/** Python's ValueError, which TF raises for bad arguments at graph-construction time. */
export class ValueError extends BrandedError {
  static isInstance = brandCheck("ValueError");
  constructor(message: string) {
    super("ValueError", message);
  }
}

/** errors_impl.py: OpError, the base of the run-time errors. */
export class OpError extends BrandedError {
  static isInstance = (value: unknown): boolean => value instanceof OpError || OP_ERROR_NAMES.has(brandOf(value));
}

function brandOf(value: unknown): string {
  return typeof value === "object" && value !== null ? String((value as Record<symbol, unknown>)[BRAND]) : "";
}

function opErrorClass(name: string) {
  const cls = class extends OpError {
    static override isInstance = brandCheck(name);
    constructor(message: string) {
      super(name, message);
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

export const CancelledError = opErrorClass("CancelledError");
export const UnknownError = opErrorClass("UnknownError");
export const InvalidArgumentError = opErrorClass("InvalidArgumentError");
export const NotFoundError = opErrorClass("NotFoundError");
export const AlreadyExistsError = opErrorClass("AlreadyExistsError");
export const FailedPreconditionError = opErrorClass("FailedPreconditionError");
export const OutOfRangeError = opErrorClass("OutOfRangeError");
export const UnimplementedError = opErrorClass("UnimplementedError");
export const InternalError = opErrorClass("InternalError");
export const DataLossError = opErrorClass("DataLossError");
export const ResourceExhaustedError = opErrorClass("ResourceExhaustedError");
export const PermissionDeniedError = opErrorClass("PermissionDeniedError");
export const DeadlineExceededError = opErrorClass("DeadlineExceededError");
export const AbortedError = opErrorClass("AbortedError");
export const UnavailableError = opErrorClass("UnavailableError");
export const UnauthenticatedError = opErrorClass("UnauthenticatedError");

const OP_ERROR_NAMES = new Set([
  "CancelledError",
  "UnknownError",
  "InvalidArgumentError",
  "NotFoundError",
  "AlreadyExistsError",
  "FailedPreconditionError",
  "OutOfRangeError",
  "UnimplementedError",
  "InternalError",
  "DataLossError",
  "ResourceExhaustedError",
  "PermissionDeniedError",
  "DeadlineExceededError",
  "AbortedError",
  "UnavailableError",
  "UnauthenticatedError",
]);

/** Python's KeyError, which TF's Graph lookups raise. */
export class KeyError extends BrandedError {
  static isInstance = brandCheck("KeyError");
  constructor(message: string) {
    super("KeyError", message);
  }
}

/** Python's RuntimeError (for example a finalized graph). */
export class RuntimeError extends BrandedError {
  static isInstance = brandCheck("RuntimeError");
  constructor(message: string) {
    super("RuntimeError", message);
  }
}

/** Python's AssertionError (for example reset_default_graph inside a graph's as_default). */
export class AssertionError extends BrandedError {
  static isInstance = brandCheck("AssertionError");
  constructor(message: string) {
    super("AssertionError", message);
  }
}

/** Python's repr of a string, as TF puts names into messages: 'foo'. */
export function pyRepr(value: string): string {
  return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replace(/'/g, "\\'")}'`;
}
