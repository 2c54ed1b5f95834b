import Testing
import Notebook
import RNNKit

/// Options each in range can still ask for more memory than there is: the
/// product is checked against a budget before anything is allocated, and
/// the caret points at the option to make smaller.
@Test(arguments: [
    ("data recall n=100000 length=10000", "length=10000"),
    ("data delay n=100000 length=10000", "length=10000"),
    ("data delay n=10000 length=10000", "length=10000"),
    ("data recall length=10000 n=100000 seed=1", "length=10000"),
    ("data delay n=100000 length=100", "n=100000"),
    ("data recall length=10000 n=1000", "length=10000"),
])
func generatedDataOverTheBudgetIsRefusedWithACaret(line: String, culprit: String) throws {
    let session = makeSession()
    run(session, "data slots n=20")
    let before = session.data?.summary
    let outcome = session.execute(line)
    let error = try #require(outcome.error, "\(line) was accepted")
    #expect(error.message.contains("time steps (n × length), over the limit of 5000000"), "\(error.message)")
    let start = try #require(line.range(of: culprit)).lowerBound
    #expect(error.range == line.distance(from: line.startIndex, to: start)..<line.distance(from: line.startIndex, to: start) + culprit.count)
    #expect(outcome.output.count == 3)
    #expect(session.data?.summary == before)
}

@Test func generatedDataWithinTheBudgetIsMade() {
    let session = makeSession()
    run(session, "data delay n=1000 length=100", "data recall n=500 length=40")
    #expect(session.data?.summary.hasPrefix("recall") == true)
}

/// A whole number too large to be an integer says so, with the range.
@Test(arguments: [
    ("net elman in=2 hidden=9999999999999999999", "option 'hidden' is too large (1e19): it must be an integer in 1..100000"),
    ("net elman in=2 hidden=-9999999999999999999", "option 'hidden' is too small (-1e19): it must be an integer in 1..100000"),
    ("net elman in=2 hidden=1000000000000000", "option 'hidden' must be an integer in 1..100000, not '1000000000000000'"),
    ("net elman in=2 hidden=2.5", "option 'hidden' must be an integer, not '2.5'"),
])
func integerOptionsSayWhatIsWrongWithTheNumber(line: String, message: String) throws {
    let error = try #require(makeSession().execute(line).error)
    #expect(error.message == message)
}
