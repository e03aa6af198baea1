// TF's ScopedStepContainer, reduced to one thread: what lives for one Session.run. TensorArray and stack kernels
// register the release of the device values they hold (onEnd); values they hand over as outputs (a cleared read, a
// pop) are released once the executor or the loop runner has retained the outputs (`settle`).
import type { NDArray } from "../framework/ndarray";
import type { StepResources } from "../kernels/contract";

export class StepContainer implements StepResources {
  private cleanups: (() => void)[] = [];
  private handedOver: NDArray[] = [];

  onEnd(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  handOver(value: NDArray): void {
    if (value.device !== undefined) this.handedOver.push(value);
  }

  /** After a kernel's outputs were retained where they are stored: drops the holds their kernels handed over. */
  settle(): void {
    const values = this.handedOver;
    if (values.length === 0) return;
    this.handedOver = [];
    for (const value of values) value.device?.release(value);
  }

  /** The end of a run: pending handovers, then every registered cleanup (latest first), each once. */
  end(): void {
    this.settle();
    const cleanups = this.cleanups;
    this.cleanups = [];
    for (let i = cleanups.length - 1; i >= 0; i--) cleanups[i]();
  }
}
