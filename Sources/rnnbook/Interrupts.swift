@preconcurrency import Glibc
import Synchronization

/// Set by SIGINT (Ctrl-C), cleared by whoever handles it. Long work polls it
/// through `Session.isCancelled`; at the prompt it means "clear the line".
let interruptFlag = Atomic<Bool>(false)

/// Installs a SIGINT handler that only sets `interruptFlag` (no SA_RESTART, so
/// a blocked `read` in the line editor returns and the prompt can redraw).
func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in interruptFlag.store(true, ordering: .relaxed) }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
}

/// True once per Ctrl-C: reads and clears the flag.
func takeInterrupt() -> Bool {
    interruptFlag.exchange(false, ordering: .relaxed)
}
