/// Plain text for a character language model.
public enum PlainText {
    /// The whole file as one string (lines joined by `\n`, `\r\n` made `\n`,
    /// a byte-order mark dropped). Throws for an unreadable, non-UTF-8 or
    /// blank file.
    public static func load(from path: String) throws(DataError) -> String {
        let file = try TextFile(path: path)
        guard !file.isBlank else { throw DataError(file: path, "is empty") }
        return file.text
    }
}
