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
};
