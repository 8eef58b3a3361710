// Host work in turns of the event loop, so a pass over 500 definitions lets keystrokes, timers
// and I/O in between its jobs. Awaiting setImmediate in each of 500 jobs started at once does not:
// all 500 callbacks run back to back in the same phase of one iteration.

/** Resolves its callers one per iteration of the event loop, in call order. */
export class Turns {
  private last: Promise<void> = Promise.resolve();

  next(): Promise<void> {
    // Scheduled only once the previous turn has run: an immediate set while the loop runs its
    // immediates waits for the next iteration.
    const turn = this.last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    this.last = turn;
    return turn;
  }
}
