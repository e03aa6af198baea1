// coordinator_test.py (TF 1.15) CoordinatorTest, with promises for threads (time.sleep → a timer).
import { describe, expect, it } from "vitest";
import * as tf from "../index";

const sleep = (secs: number) => new Promise<void>((resolve) => setTimeout(resolve, secs * 1000));

/** RaiseInN: after `secs`, report `ex` to the coordinator. */
async function raiseInN(coord: tf.train.Coordinator, secs: number, ex: Error): Promise<void> {
  await sleep(secs);
  coord.requestStop(ex);
}

/** RaiseInNUsingContextHandler: the error escapes a stop_on_exception block. */
function raiseInNUsingHandler(coord: tf.train.Coordinator, secs: number, ex: Error): Promise<void> | undefined {
  return coord.stopOnException(async () => {
    await sleep(secs);
    throw ex;
  });
}

describe("coordinator_test.py CoordinatorTest", () => {
  it("testStopAPI", async () => {
    const coord = new tf.train.Coordinator();
    expect(coord.shouldStop()).toBe(false);
    expect(await coord.waitForStop(0.01)).toBe(false);
    coord.requestStop();
    expect(coord.shouldStop()).toBe(true);
    expect(await coord.waitForStop(0.01)).toBe(true);
  });

  it("testStopAsync: a waiter wakes when another thread requests stop", async () => {
    const coord = new tf.train.Coordinator();
    const waiting = coord.waitForStop();
    expect(await coord.waitForStop(0.01)).toBe(false);
    setTimeout(() => coord.requestStop(), 5);
    expect(await waiting).toBe(true);
    expect(coord.shouldStop()).toBe(true);
  });

  it("testJoin / testJoinAllRegistered / testJoinSomeRegistered", async () => {
    const coord = new tf.train.Coordinator();
    const threads = [sleep(0.01), sleep(0.02), sleep(0.01)];
    await coord.join(threads);
    expect(coord.joined).toBe(true);

    const c2 = new tf.train.Coordinator();
    let done = 0;
    const finish = async (secs: number) => {
      await sleep(secs);
      done++;
    };
    c2.registerThread(finish(0.01));
    c2.registerThread(finish(0.02));
    const unregistered = finish(0.01);
    await c2.join([unregistered]);
    expect(done).toBe(3);
  });

  it("testJoinGraceExpires: a thread still running after the grace period is a RuntimeError naming it", async () => {
    for (const grace of [1e-10, 0.002, 0.05]) {
      const coord = new tf.train.Coordinator();
      const stopper = (async () => coord.requestStop())();
      const long = { name: "SleepABit", promise: sleep(0.5) };
      const joined = coord.join([stopper, long], { stopGracePeriodSecs: grace });
      await expect(joined).rejects.toThrow(
        new tf.errors.RuntimeError("Coordinator stopped with threads still running: SleepABit"),
      );
    }
    const coord = new tf.train.Coordinator();
    coord.requestStop();
    await expect(coord.join([sleep(0.5)], { stopGracePeriodSecs: 0 })).rejects.toThrow(
      "Coordinator stopped with threads still running: Thread-1",
    );
  });

  it("testJoinRaiseReportException / testJoinRaiseReportExceptionUsingHandler: the first error is raised", async () => {
    const coord = new tf.train.Coordinator();
    const threads = [
      raiseInN(coord, 0.01, new tf.errors.RuntimeError("First")),
      raiseInN(coord, 0.05, new tf.errors.RuntimeError("Too late")),
    ];
    await expect(coord.join(threads)).rejects.toThrow("First");

    const c2 = new tf.train.Coordinator();
    const handled = [
      raiseInNUsingHandler(c2, 0.01, new tf.errors.RuntimeError("First")),
      raiseInNUsingHandler(c2, 0.05, new tf.errors.RuntimeError("Too late")),
    ] as Promise<void>[];
    await expect(c2.join(handled)).rejects.toThrow("First");
    // stop_on_exception with a synchronous body.
    const c3 = new tf.train.Coordinator();
    expect(
      c3.stopOnException(() => {
        throw new Error("sync");
      }),
    ).toBeUndefined();
    expect(c3.shouldStop()).toBe(true);
    expect(() => c3.raiseRequestedException()).toThrow("sync");
  });

  it("testJoinIgnoresOutOfRange / testJoinIgnoresMyExceptionType", async () => {
    const coord = new tf.train.Coordinator();
    await coord.join([raiseInN(coord, 0.01, new tf.errors.OutOfRangeError("First"))]);
    expect(coord.shouldStop()).toBe(true);
    const mine = new tf.train.Coordinator([tf.errors.ValueError]);
    await mine.join([raiseInN(mine, 0.01, new tf.errors.ValueError("Clean stop"))]);
  });

  it("testClearStopClearsExceptionToo", async () => {
    const coord = new tf.train.Coordinator();
    await expect(coord.join([raiseInN(coord, 0.01, new tf.errors.RuntimeError("First"))])).rejects.toThrow("First");
    coord.clearStop();
    expect(coord.shouldStop()).toBe(false);
    await expect(coord.join([raiseInN(coord, 0.01, new tf.errors.RuntimeError("Second"))])).rejects.toThrow("Second");
  });

  it("testRequestStopRaisesIfJoined: after join an error is thrown by request_stop; clear_stop restores reporting", async () => {
    const coord = new tf.train.Coordinator();
    await coord.join([]);
    expect(() => coord.requestStop(new tf.errors.RuntimeError("Too late"))).toThrow("Too late");
    coord.clearStop();
    coord.requestStop(new tf.errors.RuntimeError("After clear"));
    await expect(coord.join([])).rejects.toThrow("After clear");
  });
});
