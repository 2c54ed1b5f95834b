// Conformance checks for cell plugins (see CellConformance.swift).
@_exported import RNNKit
