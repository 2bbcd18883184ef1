@testable import Messaging
import XCTest

/// The consumer pipeline's order rules: topping up, and giving up behind a batch that gave up.
final class BatchPipelineTests: XCTestCase {
    func testTheFirstBatchIsToppedUpToTheBatchSizeAndCommits() {
        var pipeline = BatchPipeline(batchSize: 250)
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: false, taken: 40), .commit(topUp: 210))
    }

    func testAFullBatchCommitsWithoutTopUp() {
        var pipeline = BatchPipeline(batchSize: 250)
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: false, taken: 250), .commit(topUp: 0))
    }

    func testABatchAfterOneThatGaveUpGivesUpWithoutTopUp() {
        var pipeline = BatchPipeline(batchSize: 250)
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: false, taken: 10), .commit(topUp: 240))
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: true, taken: 10), .giveUp)
        XCTAssertTrue(pipeline.gaveUp)
    }

    func testEveryLaterBatchGivesUpTooKeepingTheOrder() {
        var pipeline = BatchPipeline(batchSize: 250)
        _ = pipeline.previousCommitFinished(gaveUp: true, taken: 10)
        // The batch that gave up without committing reports no give-up of its own; the rule holds.
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: false, taken: 10), .giveUp)
        XCTAssertEqual(pipeline.previousCommitFinished(gaveUp: false, taken: 250), .giveUp)
    }
}
