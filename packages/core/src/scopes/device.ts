// ops.py: device(device_name_or_function), the module-level form of Graph.device on the default graph.
import type { DeviceNameOrFunction } from "../framework/device";
import { getDefaultGraph } from "../framework/graph";

/**
 * ops.py: device(device_name_or_function): `with tf.device("/job:ps"):` on the default graph. Ops created in
 * `body` record the merged device string in NodeDef.device (TF 1.15's canonical form, `/device:GPU:0`).
 */
export function device<T>(deviceNameOrFunction: DeviceNameOrFunction, body: () => T): T {
  return getDefaultGraph().device(deviceNameOrFunction, body);
}
