@preconcurrency import Glibc
import Synchronization

/// The signal (SIGHUP: the terminal closed; SIGTERM) that asked the prompt
/// to leave, or 0. Its handler also sets `interruptFlag`, so long work stops
/// at its next step; the prompt then writes the last session and exits.
let terminationSignal = Atomic<Int32>(0)

/// Installs the SIGHUP and SIGTERM handlers (flags only, no SA_RESTART, so
/// a blocked read in the line editor returns), and unblocks them and SIGINT:
/// a parent that ran us with them blocked (a test runner's thread, some
/// launchers) would otherwise leave them pending for ever.
func installTerminationHandler() {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in [SIGHUP, SIGTERM, SIGINT] { sigaddset(&unblock, signal) }
    sigprocmask(SIG_UNBLOCK, &unblock, nil)
    for signal in [SIGHUP, SIGTERM] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            terminationSignal.store(number, ordering: .relaxed)
            interruptFlag.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(signal, &action, nil)
    }
}

/// The status a process killed by the termination signal would have (128 + N), or nil.
var terminationStatus: Int32? {
    let signal = terminationSignal.load(ordering: .relaxed)
    return signal == 0 ? nil : 128 + signal
}
