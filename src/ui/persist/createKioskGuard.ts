/** Options of {@link createKioskGuard}. */
export interface KioskGuardOptions {
  /** Idle time after which every answer is cleared, in ms. Default 120,000 (two minutes). */
  idleMs?: number;
  /** Clears the stored draft (typically `drafts.clear()`); awaited before `onIdle`. */
  clear: () => unknown;
  /** Starts over on screen (a new session), after `clear`. */
  onIdle?: () => void;
  /**
   * Where respondent activity is listened for (`pointerdown`, `keydown`, `input`, `focusin`); the
   * element itself, or the document. Without it, call {@link KioskGuard.touch} on activity.
   */
  target?: EventTarget;
}

/** Clears a shared device's answers after submit or when nobody is using it. */
export interface KioskGuard {
  /** Respondent activity: restarts the idle timer. */
  touch(): void;
  /** Clears now (after a submit) and starts over; resolves once cleared. */
  end(): Promise<void>;
  /** Stops the timer and stops listening. */
  dispose(): void;
}
