/** Timers that a closing simulator must cancel (delayed answers, a pending re-listen). */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `task` after `ms`, unless cleared first. */
  delay(ms: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, ms);
    this.timers.add(timer);
  }

  /** Cancels every pending timer. */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
