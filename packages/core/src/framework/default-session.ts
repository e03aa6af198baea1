// ops.py: the default session stack (default_session, get_default_session) and what Tensor.eval and Operation.run
// do with it (_eval_using_default_session, _run_using_default_session). Sessions live above the framework, so
// they register here as the small interface the framework needs.
import { ValueError } from "../errors";
import type { Graph } from "./graph";

/** What Tensor.eval and Operation.run need of a Session. */
export interface DefaultSession {
  readonly graph: Graph;
  run(fetches: never, feeds?: never): unknown;
}

const stack: DefaultSession[] = [];

/** ops.py: get_default_session: the innermost default session, or null. */
export function getDefaultSession(): DefaultSession | null {
  return stack.at(-1) ?? null;
}

/** Makes `session` the default until `leaveDefaultSession` (InteractiveSession, Session.asDefault). */
export function enterDefaultSession(session: DefaultSession): void {
  stack.push(session);
}

/** Leaves the innermost entry of `session` (an InteractiveSession closed out of order leaves the others in place). */
export function leaveDefaultSession(session: DefaultSession): void {
  const at = stack.lastIndexOf(session);
  if (at >= 0) stack.splice(at, 1);
}

/** ops.py: _eval_using_default_session. */
export function evalUsingDefaultSession(
  fetches: unknown,
  feedDict: unknown,
  graph: Graph,
  session: DefaultSession | null | undefined,
): unknown {
  const chosen = sessionFor(graph, session, {
    none:
      "Cannot evaluate tensor using `eval()`: No default session is registered. Use `with sess.as_default()` or pass " +
      "an explicit session to `eval(session=sess)`",
    otherDefault:
      "Cannot use the default session to evaluate tensor: the tensor's graph is different from the session's graph. " +
      "Pass an explicit session to `eval(session=sess)`.",
    otherGiven:
      "Cannot use the given session to evaluate tensor: the tensor's graph is different from the session's graph.",
  });
  return chosen.run(fetches as never, (feedDict ?? undefined) as never);
}

/** ops.py: _run_using_default_session. */
export function runUsingDefaultSession(
  op: unknown,
  feedDict: unknown,
  graph: Graph,
  session: DefaultSession | null | undefined,
): void {
  const chosen = sessionFor(graph, session, {
    none:
      "Cannot execute operation using `run()`: No default session is registered. Use `with sess.as_default():` or " +
      "pass an explicit session to `run(session=sess)`",
    otherDefault:
      "Cannot use the default session to execute operation: the operation's graph is different from the session's " +
      "graph. Pass an explicit session to run(session=sess).",
    otherGiven:
      "Cannot use the given session to execute operation: the operation's graph is different from the session's graph.",
  });
  chosen.run(op as never, (feedDict ?? undefined) as never);
}

function sessionFor(
  graph: Graph,
  session: DefaultSession | null | undefined,
  messages: { none: string; otherDefault: string; otherGiven: string },
): DefaultSession {
  if (session === null || session === undefined) {
    const fallback = getDefaultSession();
    if (fallback === null) throw new ValueError(messages.none);
    if (fallback.graph !== graph) throw new ValueError(messages.otherDefault);
    return fallback;
  }
  if (session.graph !== graph) throw new ValueError(messages.otherGiven);
  return session;
}
