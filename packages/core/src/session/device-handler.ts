// The session handler of a backend with a device (onnxruntime's createInferenceSessionHandler, reduced to what a
// Program needs): device copies of graph constants, and the planned run: after a run has recorded every output,
// buffers assigned once and steps bound to them (bound-plan.ts). A backend without a device has no handler: its
// Program is the plain loop over kernels. Kernels take no part in this; they only prepare and run (or bind) calls.
import type { Device, NDArray } from "../framework/ndarray";
import type { Tensor } from "../framework/tensor";
import type { Backend, VariableState } from "../kernels/contract";
import { type BindOptions, BoundPlan } from "./bound-plan";

/** What a Program tells the handler after a complete run it recorded (see BindOptions). */
export type RecordedRun = Omit<BindOptions, "device" | "variables">;

export class DeviceSessionHandler {
  /** The fixed calls and buffers of the plan, made after a run recorded every output's dtype and shape. */
  private bound: BoundPlan | undefined = undefined;
  /** Whether the next run records its outputs to bind (until a binding holds). */
  private record = true;
  private readonly constants = new Map<Tensor, NDArray>();

  constructor(
    readonly device: Device,
    private readonly variables: VariableState,
  ) {}

  /** A graph constant as the backend's own kernels read it: copied to the device once, held until `dispose`. */
  constant(tensor: Tensor, value: NDArray): NDArray {
    let onDevice = this.constants.get(tensor);
    if (onDevice === undefined) {
      onDevice = this.device.upload(value);
      this.device.retain(onDevice);
      this.constants.set(tensor, onDevice);
    }
    return onDevice;
  }

  /**
   * The start of a run: the bound plan when it holds for these feeds (their values copied into its buffers), else
   * undefined, and a plan that no longer holds (a feed changed shape, a variable it reads was replaced) is dropped so
   * that this run records again.
   */
  begin(feeds: readonly NDArray[]): BoundPlan | undefined {
    const bound = this.bound;
    if (bound === undefined) return undefined;
    if (!bound.accepts(feeds, this.variables)) {
      bound.release();
      this.bound = undefined;
      this.record = true;
      return undefined;
    }
    bound.writeFeeds(feeds);
    return bound;
  }

  /** Whether this run records its steps' outputs for `end`. */
  get recording(): boolean {
    return this.record;
  }

  /** After a complete recorded run: fixes what can be fixed. */
  end(run: RecordedRun): void {
    this.record = false;
    this.bound = BoundPlan.create({ ...run, device: this.device, variables: this.variables });
  }

  /** Releases the bound plan's buffers and the device copies of constants. */
  dispose(): void {
    this.bound?.release();
    this.bound = undefined;
    this.record = false;
    for (const value of this.constants.values()) this.device.release(value);
    this.constants.clear();
  }
}

/** The handler a Program runs with on `backend`: undefined (the plain loop) for a backend without a device. */
export function sessionHandlerFor(backend: Backend, variables: VariableState): DeviceSessionHandler | undefined {
  return backend.device === undefined ? undefined : new DeviceSessionHandler(backend.device, variables);
}
