// coordinator.py (TF 1.15): tf.train.Coordinator, the stop flag and first-error record that threads share. JS has
// no threads: a "thread" here is a promise (or `{ name, promise }`), alive until it settles; join is async and waits
// for them (or a stop request, then a grace period) and re-raises the first reported error, as TF's join does.
import { OutOfRangeError, RuntimeError } from "../errors";

/** A unit of work the coordinator can join: a promise, or one with a name for the straggler message. */
export type CoordinatedThread =
  | PromiseLike<unknown>
  | { readonly name: string; readonly promise: PromiseLike<unknown> };

/** An error class whose instances stop the coordinator cleanly (TF's clean_stop_exception_types). */
type ErrorClass = abstract new (...args: any[]) => unknown;

export interface JoinOptions {
  /** Seconds the threads get to finish once stop was requested (default 120). */
  stopGracePeriodSecs?: number;
  /** Only log, rather than raise, when threads are still running after the grace period. */
  ignoreLiveThreads?: boolean;
}

/** Whether each thread has settled, tracked once per promise. */
const settledFlags = new WeakMap<object, { settled: boolean; done: Promise<void> }>();

function track(thread: CoordinatedThread): { settled: boolean; done: Promise<void> } {
  const promise = "promise" in thread ? thread.promise : thread;
  let state = settledFlags.get(promise);
  if (!state) {
    const entry = { settled: false, done: Promise.resolve() };
    entry.done = Promise.resolve(promise).then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
      },
    );
    settledFlags.set(promise, entry);
    state = entry;
  }
  return state;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** coordinator.py: Coordinator(clean_stop_exception_types=None) (default: OutOfRangeError). */
export class Coordinator {
  private readonly cleanStopTypes: readonly ErrorClass[];
  private stopped = false;
  private stopWaiters: (() => void)[] = [];
  private excToRaise: unknown = null;
  private hasExc = false;
  private joinedFlag = false;
  private registered = new Set<CoordinatedThread>();

  constructor(cleanStopExceptionTypes: readonly ErrorClass[] | null = null) {
    this.cleanStopTypes = cleanStopExceptionTypes ?? [OutOfRangeError as unknown as ErrorClass];
  }

  /** coordinator.py: _filter_exception: an error of a clean-stop type counts as no error. */
  private isCleanStop(ex: unknown): boolean {
    return this.cleanStopTypes.some((type) => {
      const check = (type as { isInstance?: (v: unknown) => boolean }).isInstance;
      return check ? check(ex) : ex instanceof type;
    });
  }

  /**
   * coordinator.py: request_stop(ex=None): sets the stop flag; the first error reported (not a clean-stop one) is
   * kept for join to raise. After join, an error is thrown here instead (it would never be reported otherwise).
   */
  requestStop(ex: unknown = null): void {
    const error = ex === null || ex === undefined || this.isCleanStop(ex) ? null : ex;
    if (this.joinedFlag && error !== null) throw error;
    if (this.stopped) return;
    if (error !== null && !this.hasExc) {
      this.excToRaise = error;
      this.hasExc = true;
    }
    this.stopped = true;
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const wake of waiters) wake();
  }

  /** coordinator.py: clear_stop(): clears the stop flag, the recorded error and the joined state. */
  clearStop(): void {
    this.joinedFlag = false;
    this.excToRaise = null;
    this.hasExc = false;
    this.stopped = false;
  }

  /** coordinator.py: should_stop() */
  shouldStop(): boolean {
    return this.stopped;
  }

  /**
   * coordinator.py: stop_on_exception(): runs `body` and reports what it throws (or its promise rejects with) through
   * requestStop, as the `with coord.stop_on_exception():` block does; returns the body's result, undefined on error.
   */
  stopOnException<T>(body: () => T): T | undefined {
    try {
      const result = body();
      if (result && typeof (result as { then?: unknown }).then === "function") {
        return Promise.resolve(result).catch((e: unknown) => {
          this.requestStop(e);
          return undefined;
        }) as T;
      }
      return result;
    } catch (e) {
      this.requestStop(e);
      return undefined;
    }
  }

  /** coordinator.py: wait_for_stop(timeout=None): true once stop is requested, false when `timeout` seconds pass. */
  waitForStop(timeout: number | null = null): Promise<boolean> {
    if (this.stopped) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const wake = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve(true);
      };
      this.stopWaiters.push(wake);
      if (timeout !== null) {
        timer = setTimeout(() => {
          this.stopWaiters = this.stopWaiters.filter((w) => w !== wake);
          resolve(false);
        }, timeout * 1000);
      }
    });
  }

  /** coordinator.py: register_thread(thread): join() without arguments waits for it. */
  registerThread(thread: CoordinatedThread): void {
    this.registered.add(thread);
  }

  /**
   * coordinator.py: join(threads=None, stop_grace_period_secs=120, ignore_live_threads=False): waits until every
   * thread (given and registered) has settled or stop is requested, then up to the grace period for the rest; then
   * raises the first reported error, or RuntimeError `Coordinator stopped with threads still running: <names>`.
   */
  async join(threads: readonly CoordinatedThread[] | null = null, options: JoinOptions = {}): Promise<void> {
    const all = [...new Set([...this.registered, ...(threads ?? [])])];
    const states = all.map(track);
    const allDone = Promise.all(states.map((s) => s.done));
    if (states.some((s) => !s.settled)) await Promise.race([allDone, this.waitForStop()]);
    const grace = options.stopGracePeriodSecs ?? 120;
    if (states.some((s) => !s.settled) && grace >= 0) await Promise.race([allDone, sleep(grace * 1000)]);
    const stragglers = all.flatMap((t, i) => (states[i].settled ? [] : ["name" in t ? t.name : `Thread-${i + 1}`]));
    this.joinedFlag = true;
    this.registered = new Set();
    if (this.hasExc) throw this.excToRaise;
    if (stragglers.length > 0) {
      const message = `Coordinator stopped with threads still running: ${stragglers.join(" ")}`;
      if (options.ignoreLiveThreads) console.log(message);
      else throw new RuntimeError(message);
    }
  }

  /** coordinator.py: joined */
  get joined(): boolean {
    return this.joinedFlag;
  }

  /** coordinator.py: raise_requested_exception(): throws the recorded error, if any. */
  raiseRequestedException(): void {
    if (this.hasExc) throw this.excToRaise;
  }
}
