import RNNKit

/// The line under `step`/`run` of a model whose shown units are the tags
/// (an HMM's trellis): which tag each unit, and each back-pointer, is.
func tagLegend(_ session: Session) -> [String] {
    guard let model = session.model as? any TagIndexedParameters, model.probesRunOverTags,
          case .tagged(_, _, let tags)? = session.data else { return [] }
    return ["units are tags, back-pointers tag indices: " + tags.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: " · ")]
}
