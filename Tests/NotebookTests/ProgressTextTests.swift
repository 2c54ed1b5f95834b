import Testing
import RNNKit
@testable import Notebook

/// Issue 15, item 2: the live progress line never wraps.
@Suite struct ProgressTextTests {
    let progress = TrainingProgress(epoch: 3, epochs: 20, batch: 38, batches: 125, loss: 0.693147,
                                    tokensPerSecond: 51234, secondsLeft: 3725)

    @Test(arguments: [1, 2, 10, 20, 30, 40, 60, 76, 79, 80, 110, 200])
    func fitsInTheWidthLessOne(width: Int) {
        let line = ProgressText.line(progress, width: width)
        #expect(line.count <= max(width - 1, 1))
        #expect(!line.isEmpty)
    }

    @Test func wideTerminalShowsEverything() {
        #expect(ProgressText.line(progress, width: 200)
                == "epoch 3/20  batch  38/125  loss 0.6931  51234 tok/s  ETA 1:02:05  (Ctrl-C stops)")
    }

    @Test func sixtyColumnsDropsTheHintAndRate() {
        #expect(ProgressText.line(progress, width: 60) == "epoch 3/20  batch  38/125  loss 0.6931  ETA 1:02:05")
    }

    @Test func durations() {
        #expect(ProgressText.duration(65) == "1:05")
        #expect(ProgressText.duration(3723) == "1:02:03")
        #expect(ProgressText.duration(.infinity) == "?")
        #expect(ProgressText.duration(-1) == "?")
        #expect(ProgressText.duration(1e300) == "?")
    }
}

/// Issue 15, item 2: after a terminal that reflows shrinks, the old line spans several rows; all of them are erased.
@Suite struct ProgressEraseTests {
    @Test func rows() {
        #expect(ProgressText.rows(length: 79, width: 110) == 1)
        #expect(ProgressText.rows(length: 79, width: 50) == 2)
        #expect(ProgressText.rows(length: 100, width: 50) == 2)
        #expect(ProgressText.rows(length: 101, width: 50) == 3)
        #expect(ProgressText.rows(length: 0, width: 50) == 1)
        #expect(ProgressText.rows(length: 10, width: 0) == 1)
    }

    @Test func eraseMovesUpOverReflowedRows() {
        #expect(ProgressText.erase(length: 79, drawnWidth: 110, width: 50, reflows: true) == "\u{1B}[1A\r\u{1B}[J")
        #expect(ProgressText.erase(length: 79, drawnWidth: 110, width: 50, reflows: false) == "\r\u{1B}[2K")
        #expect(ProgressText.erase(length: 49, drawnWidth: 50, width: 50, reflows: true) == "\r\u{1B}[2K")
        #expect(ProgressText.erase(length: 49, drawnWidth: 50, width: 200, reflows: true) == "\r\u{1B}[2K")
    }
}
