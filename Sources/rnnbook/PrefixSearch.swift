@preconcurrency import CEditLine

/// Up and Down search history by prefix, as in IPython and the Julia REPL:
/// with `net` typed, Up recalls the last line starting with `net` (the text
/// before the cursor); on an empty line Up and Down step through history as
/// before. libedit's own `ed-search-prev-history` and
/// `ed-search-next-history` do this; they are bound to both forms the arrow
/// keys send (normal `ESC [ A` and application-mode `ESC O A`), after
/// `~/.editrc` is read, so these four bindings win over it.
enum PrefixSearch {
    static let bindings = [
        "bind ^[[A ed-search-prev-history", "bind ^[OA ed-search-prev-history",
        "bind ^[[B ed-search-next-history", "bind ^[OB ed-search-next-history",
    ]

    /// Initialises libedit (`rl_parse_and_bind` needs its editor, which
    /// `readline` would otherwise make on first use) and binds the arrows.
    static func install() {
        _ = rl_initialize()
        for binding in bindings { _ = rl_parse_and_bind(binding) }
    }
}
