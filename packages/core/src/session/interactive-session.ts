// session.py: InteractiveSession: a Session that installs itself as the default session, and its graph as the
// default graph, when made (for shells and notebooks), until close().
import { enterDefaultSession, leaveDefaultSession } from "../framework/default-session";
import { enterDefaultGraph, leaveDefaultGraph } from "../framework/graph";
import { Session, type SessionOptions } from "./session";

export class InteractiveSession extends Session {
  private entered = true;

  constructor(options: SessionOptions = {}) {
    super(options);
    enterDefaultGraph(this.graph);
    enterDefaultSession(this);
  }

  /** session.py: InteractiveSession.close: leaves the default session and graph, once. */
  override close(): void {
    super.close();
    if (!this.entered) return;
    this.entered = false;
    leaveDefaultSession(this);
    leaveDefaultGraph(this.graph);
  }
}
