import Testing
import Notebook
import RNNKit

/// What a session looks like from outside, to show a refused command changed nothing.
private func fingerprint(_ s: Session) -> [String] {
    var out = ["transcript \(s.transcript.count)", "seed \(s.seed)", "precision \(s.format.precision)"]
    if let net = s.network {
        out.append(net.command)
        out.append("time \(s.memory.time)")
        out += net.namedParameters.map { "\($0.name) \($0.parameter.value.data)" }
        out += s.memory.states.map { "\($0)" }
    }
    var rng = s.rng
    out.append("rng \(rng.next())")
    return out
}

@Test(arguments: [
    ("stpe [1, 1]", "did you mean 'step'"),
    ("net elmann in=2", "did you mean 'elman'"),
    ("net elman in=2 hiden=3", "did you mean 'hidden'"),
    ("net elman in=2 act=softplus", "one of tanh, relu, sigmoid, linear"),
    ("net elman in=0", "integer in 1..1000000"),
    ("net elman in=2.5", "an integer"),
    ("net lstm in=1000000 hidden=100000 layers=64", "over the limit"),
    ("net elman in=99999999999999999999", "integer"),
    ("net elman in=[1,2]", "single value"),
    ("step [1, 1, 1]", "takes 2 inputs"),
    ("step [1e999, 1]", "too large"),
    ("step [nan, 1]", "not a finite number"),
    ("step Taipei", "not an input"),
    ("step", "needs an input"),
    ("step [1, 1] [2, 2]", "too many arguments"),
    ("set weight_hh_l0 = [1, 2, 3]", "is [2, 2]"),
    ("set weight_hh_l0 = [[1, 2, 3], [4, 5, 6]]", "is [2, 2]"),
    ("set weight_hh_l0[2,0] = 1", "out of range"),
    ("set weight_hh_l0[0] = 1", "two indices"),
    ("set wieght_hh_l0 = 1", "did you mean 'weight_hh_l0'"),
    ("set * = [1, 2]", "one number"),
    ("set * 1", "expected '='"),
    ("set precision 0", "from 1 to 17"),
    ("set", "set what?"),
    ("params nope", "no parameter"),
    ("seed -1", "whole number"),
    ("init glorot", "unknown scheme"),
    ("init seed=abc", "an integer"),
    ("load session /nonexistent/x.rnn", "cannot read"),
    ("save modle x.bin", "save what?"),
    ("load model /nonexistent/m.safetensors", "cannot read"),
    ("help nothing", "no command 'nothing'"),
    ("run", "needs a sequence"),
    ("run [1, 1] [1]", "this vector has 1"),
    ("台北 héllo", "unknown command '台北'"),
    (String(repeating: "x", count: 10_000), "unknown command"),
    ("reset now", "too many arguments"),
])
func malformedLinesAreOneClearErrorAndChangeNothing(line: String, message: String) throws {
    let session = makeSession()
    run(session, "net elman in=2 hidden=2 out=2 act=linear bias=off", "set * = 1", "step [1, 1]")
    let before = fingerprint(session)
    let outcome = session.execute(line)
    let error = try #require(outcome.error, "`\(line.prefix(40))` was accepted")
    #expect(error.message.contains(message), "got: \(error.message)")
    #expect(!error.message.contains("\n"))
    #expect(outcome.output.first == "error: " + error.message)
    if error.range != nil { #expect(outcome.output.count == 3 && outcome.output[2].contains("^")) }
    #expect(fingerprint(session) == before)
}

@Test func commandsBeforeANetworkSayHowToBuildOne() throws {
    let session = makeSession()
    #expect(session.execute("net elman hidden=3").error?.message.contains("add in=N") == true)
    for line in ["step [1]", "run [1]", "params", "reset", "init", "set * = 1", "net"] {
        let error = try #require(session.execute(line).error)
        #expect(error.message.contains("no network yet"), "\(line): \(error.message)")
    }
}

@Test func blankLinesAndCommentsDoNothing() {
    let session = makeSession()
    for line in ["", "   ", "# just a comment", "\t"] {
        let outcome = session.execute(line)
        #expect(outcome.error == nil && outcome.output.isEmpty)
    }
    #expect(session.transcript.isEmpty)
}

/// The training commands refuse what cannot work, in one line, and change nothing.
@Test(arguments: [
    ("train", "no data yet"),
    ("eval", "no data yet"),
    ("predict leave Taipei", "load tagged data first"),
    ("sample", "needs a character model"),
    ("encode Taipei", "no encoding yet"),
    ("encoding one-hat", "did you mean 'one-hot'"),
    ("data slotz", "did you mean 'slots'"),
    ("data tagged /nonexistent/file.txt", "/nonexistent/file.txt"),
    ("data delay length=5 lag=9", "make lag smaller than length"),
    ("optimizer adamm", "did you mean 'adam'"),
    ("optimizer adam beta1=2", "beta1"),
    ("vocab load /nonexistent/words.txt", "/nonexistent/words.txt"),
    ("plot gatse", "did you mean 'gates'"),
    ("plot loss", "no training yet"),
    ("net elman in=auto", "in=auto needs an encoding"),
    ("net elman in=2 out=auto", "out=auto needs data"),
])
func learningCommandsRefuseClearly(line: String, message: String) throws {
    let session = makeSession()
    run(session, "net elman in=2 hidden=2 out=2")
    let before = fingerprint(session)
    let outcome = session.execute(line)
    let error = try #require(outcome.error, "`\(line)` was accepted")
    #expect(error.message.contains(message), "got: \(error.message)")
    #expect(fingerprint(session) == before)
}

@Test func trainingWithTheWrongWidthsSaysHowToRebuild() throws {
    let session = makeSession()
    run(session, "seed 1", "data slots n=40", "net elman in=3 hidden=2 out=4")
    let error = try #require(session.execute("train epochs=1").error)
    #expect(error.message.contains("in=auto out=auto"))
    run(session, "net elman hidden=2 out=auto", "train epochs=1")
    #expect(session.lossHistory.count == 1)
}
