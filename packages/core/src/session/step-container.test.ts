// Run-scoped containers over device values (step-container.ts, kernels/reference/held-values.ts): TensorArray and
// stack kernels keep device values where they are, hold them while stored, hand cleared reads and pops over to the
// Session, copy scatter/gather rows inside device memory, and give everything back when the run ends.
import { describe, expect, it } from "vitest";
import { type DType, float32, int32 } from "../framework/dtypes";
import { type Device, NDArray } from "../framework/ndarray";
import type { KernelContext } from "../kernels/contract";
import { stackKernels } from "../kernels/reference/stack";
import { tensorArrayKernels } from "../kernels/reference/tensor-array";
import { StepContainer } from "./step-container";

/** A bump-allocated device with a holder count per block; `uploads` counts host-to-device copies. */
class CountingDevice implements Device {
  readonly name = "counting";
  readonly buffer = new ArrayBuffer(1 << 14);
  private next = 0;
  readonly holders = new Map<number, number>();
  uploads = 0;
  alloc(dtype: DType, shape: readonly number[]): NDArray {
    const offset = this.next;
    const array = NDArray.onDevice(this, dtype, shape, offset);
    this.next += Math.max(array.size * 4, 4);
    this.holders.set(offset, 0);
    return array;
  }
  upload(value: NDArray): NDArray {
    this.uploads++;
    const array = this.alloc(value.dtype, value.shape);
    (array.data as Float32Array).set(value.data as Float32Array);
    return array;
  }
  retain(value: NDArray): void {
    this.holders.set(value.byteOffset, (this.holders.get(value.byteOffset) ?? 0) + 1);
  }
  release(value: NDArray): void {
    const n = (this.holders.get(value.byteOffset) ?? 0) - 1;
    if (n < 0) throw new Error(`block ${value.byteOffset} released more often than retained`);
    this.holders.set(value.byteOffset, n);
  }
  held(): number {
    return [...this.holders.values()].filter((n) => n > 0).length;
  }
}

function context(step: StepContainer, attrs: KernelContext["attrs"] = {}): KernelContext {
  return {
    opName: "op",
    opType: "op",
    attrs,
    outputDtypes: [float32],
    refName: () => undefined,
    variables: { get: () => undefined, set: () => {} },
    step,
  };
}

const scalar = (v: number) => new NDArray(int32, [], new Int32Array([v]));

describe("TensorArray kernels over device values", () => {
  it("scatter copies rows inside device memory; reads hand elements over; gather stays on the device; the run's end releases the rest", () => {
    const device = new CountingDevice();
    const step = new StepContainer();
    const ctx = context(step, { dtype: float32, element_shape: { shape: [2] } });
    const [handle, flow] = tensorArrayKernels.TensorArrayV3([scalar(3)], ctx);
    const value = device.upload(new NDArray(float32, [3, 2], new Float32Array([1, 2, 3, 4, 5, 6])));
    device.retain(value);
    const [scatterFlow] = tensorArrayKernels.TensorArrayScatterV3(
      [handle, new NDArray(int32, [3], new Int32Array([0, 1, 2])), value, flow],
      ctx,
    );
    // One flow array per TensorArray: a loop carrying it copies it once.
    expect(scatterFlow).toBe(flow);
    expect(device.uploads).toBe(1);
    expect(device.held()).toBe(4); // the value and its three rows

    const [row] = tensorArrayKernels.TensorArrayReadV3([handle, scalar(1), flow], ctx);
    expect(row.device).toBe(device);
    expect(Array.from(row.data as Float32Array)).toEqual([3, 4]);
    // The Session retains the output, then settles: the array's hold is dropped, the Session's remains.
    device.retain(row);
    step.settle();
    expect(device.holders.get(row.byteOffset)).toBe(1);

    const [stacked] = tensorArrayKernels.TensorArrayGatherV3(
      [handle, new NDArray(int32, [2], new Int32Array([2, 0])), flow],
      context(step, { dtype: float32, element_shape: { shape: [2] } }),
    );
    expect(stacked.device).toBe(device);
    expect(Array.from(stacked.data as Float32Array)).toEqual([5, 6, 1, 2]);
    expect(device.uploads).toBe(1);
    step.settle();
    device.release(row);
    device.release(value);
    expect(device.held()).toBe(0);
  });

  it("the run's end releases elements never read; aggregated gradient writes stay on the device", () => {
    const device = new CountingDevice();
    const step = new StepContainer();
    const ctx = context(step, { dtype: float32, element_shape: { shape: [2] } });
    const [handle, flow] = tensorArrayKernels.TensorArrayV3([scalar(2)], ctx);
    const a = device.upload(new NDArray(float32, [2], new Float32Array([1, 2])));
    tensorArrayKernels.TensorArrayWriteV3([handle, scalar(0), a, flow], ctx);
    expect(device.holders.get(a.byteOffset)).toBe(1);
    const [grad] = tensorArrayKernels.TensorArrayGradV3([handle, flow], context(step, { source: "gradients" }));
    const b = device.upload(new NDArray(float32, [2], new Float32Array([10, 20])));
    tensorArrayKernels.TensorArrayWriteV3([grad, scalar(1), b, flow], ctx);
    tensorArrayKernels.TensorArrayWriteV3([grad, scalar(1), b, flow], ctx);
    expect(device.holders.get(b.byteOffset)).toBe(0); // replaced by the sum
    const [sum] = tensorArrayKernels.TensorArrayReadV3([grad, scalar(1), flow], ctx);
    expect(sum.device).toBe(device);
    expect(Array.from(sum.data as Float32Array)).toEqual([20, 40]);
    step.end();
    expect(device.held()).toBe(0);
    expect(device.uploads).toBe(2);
  });
});

describe("stack kernels over device values", () => {
  it("push holds, pop hands over, close and the run's end release what is left", () => {
    const device = new CountingDevice();
    const step = new StepContainer();
    const ctx = context(step, { stack_name: "s" });
    const [handle] = stackKernels.StackV2([scalar(-1)], ctx);
    const values = [1, 2, 3].map((v) => device.upload(new NDArray(float32, [1], new Float32Array([v]))));
    for (const v of values) expect(stackKernels.StackPushV2([handle, v], ctx)[0]).toBe(v);
    expect(device.held()).toBe(3);
    const [top] = stackKernels.StackPopV2([handle], ctx);
    expect(top).toBe(values[2]);
    expect(device.held()).toBe(3); // handed over, not yet settled
    step.settle();
    expect(device.held()).toBe(2);
    step.end();
    expect(device.held()).toBe(0);
    expect(device.uploads).toBe(3);
  });
});
