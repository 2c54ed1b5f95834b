import RNNKit
import ElmanCell
import GRUCell
import JordanCell
import LSTMCell
import MGUCell
import FeedForwardCell
import OneHotEncoding
import OtherEncoding
import LetterHashEncoding
import SGDOptimizer
import AdagradOptimizer
import RMSpropOptimizer
import AdamOptimizer
import HMMModel
import Seq2SeqModel

/// Every plugin this build registers, in the order `plugins` lists them.
///
/// An explicit list rather than discovery: Swift cannot enumerate the types
/// conforming to a protocol at run time, and a list makes what a build
/// contains obvious. To add a plugin, import its module and add its type here.
/// The executable and the tests both use this list.
public var allPlugins: [any RNNPlugin.Type] { [
    ElmanPlugin.self,
    LSTMPlugin.self,
    GRUPlugin.self,
    JordanPlugin.self,
    MGUPlugin.self,
    FeedForwardPlugin.self,
    OneHotPlugin.self,
    OtherPlugin.self,
    LetterHashPlugin.self,
    SGDPlugin.self,
    AdagradPlugin.self,
    RMSpropPlugin.self,
    AdamPlugin.self,
    HMMPlugin.self,
    // Model plugins last: they build their parts from the cells registered before them.
    Seq2SeqPlugin.self,
] }
