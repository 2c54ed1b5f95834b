import RNNKit
import ElmanCell

/// Every plugin this build registers, in the order `plugins` lists them.
///
/// An explicit list rather than discovery: Swift cannot enumerate the types
/// conforming to a protocol at run time, and a list makes what a build
/// contains obvious. To add a plugin, import its module and add its type here.
let allPlugins: [any RNNPlugin.Type] = [
    ElmanPlugin.self,
]
