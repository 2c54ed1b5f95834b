import Testing
import RNNKit
