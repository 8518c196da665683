/** Options of {@link createKioskGuard}. */
export interface KioskGuardOptions {
  /** Idle time after which every answer is cleared, in ms. Default 120,000 (two minutes). */
  idleMs?: number;
  /** Clears every stored draft (typically `drafts.clear()`); awaited before `onIdle`. */
  clear: () => unknown;
  /** When the idle time has passed and `clear` has run (or failed): start over on screen with a new session. */
  onIdle?: () => void;
  /** Called when `clear` fails on an idle timeout. */
  onError?: (error: unknown) => void;
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
  /** Clears now (after a submit); resolves once cleared. The idle timer starts again on the next activity. */
  end(): Promise<void>;
  /** Stops the timer and stops listening. */
  dispose(): void;
}

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'focusin'] as const;

/**
 * Kiosk mode for a shared device (a tablet at the town hall counter): clears every stored draft
 * after a submit ({@link KioskGuard.end}) and when nobody has touched the form for `idleMs`, then
 * lets the page start over, so the next person never sees the previous person's answers. Unsent
 * responses stay in the submission queue until delivered: losing them would be worse.
 *
 * @example
 * ```ts
 * const drafts = createDraftStore({ storage, key: survey.template.id });
 * const guard = createKioskGuard({
 *   idleMs: 90_000,
 *   clear: () => drafts.clear(),
 *   onIdle: () => startOver(),
 *   target: document,
 * });
 * form.addEventListener('kizuki-submit', () => void guard.end());
 * ```
 */
export function createKioskGuard(options: KioskGuardOptions): KioskGuard {
  const idleMs = options.idleMs ?? 120_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const end = async () => {
    clearTimeout(timer);
    await options.clear();
  };
  const idle = () =>
    end()
      .catch((error) => options.onError?.(error))
      .finally(() => options.onIdle?.());
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(idle, idleMs);
  };
  for (const type of ACTIVITY) options.target?.addEventListener(type, touch);
  touch();
  return {
    touch,
    end,
    dispose() {
      clearTimeout(timer);
      for (const type of ACTIVITY) options.target?.removeEventListener(type, touch);
    },
  };
}
