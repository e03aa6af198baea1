// TF 1.15's messages for tf.metrics (metrics_impl.py, check_ops.py), plus scopeflow's own.

export const messages = {
  /** metrics_impl.py: auc */
  unknownCurve: (curve: unknown) => `curve must be either ROC or PR, ${String(curve)} unknown`,
  /** metrics_impl.py: auc (compute_auc) */
  invalidSummationMethod: (method: unknown) => `Invalid summation_method: ${String(method)}`,
  /** metrics_impl.py: _confusion_matrix_at_thresholds */
  invalidKey: (key: unknown) => `Invalid key: ${String(key)}`,
  /** check_ops.py: assert_rank_in (static ranks) */
  rankNotIn: (tensorName: string, ranks: readonly number[], actual: number, shape: string) =>
    `.  Tensor ${tensorName} must have rank in (${ranks.join(", ")}).  Received rank ${actual}, shape ${shape}`,
  /** scopeflow: TF's dynamic-rank paths wrap the squeezes in tf.cond; only static ranks are built here. */
  needsStaticRank: (what: string, tfFunction: string) =>
    `tf.metrics: ${what} of unknown rank take TF's tf.cond path (${tfFunction}), which tf.metrics does not build yet; give them a static rank (a placeholder with a shape, or setShape).`,
};
