@_exported import RNNKit
