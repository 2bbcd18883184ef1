import Assignment
import XCTest

final class AssignmentProblemValidationTests: XCTestCase {
    func testRejectsNonPositiveDimensions() {
        assertError(.nonPositiveDimension(.rows, 0)) { try AssignmentProblem(rows: 0, cols: 2, edges: [AssignmentEdge]()) }
        assertError(.nonPositiveDimension(.cols, -1)) { try AssignmentProblem(rows: 2, cols: -1, edges: [AssignmentEdge]()) }
        assertError(.nonPositiveDimension(.rows, 0)) { try AssignmentProblem(rows: 0, cols: 1, scores: []) }
    }

    func testRejectsCapacityOfWrongLength() {
        assertError(.capacityCount(.rowCapacity, expected: 2, found: 3)) {
            try AssignmentProblem(rows: 2, cols: 2, rowCapacity: [1, 1, 1], edges: [AssignmentEdge]())
        }
        assertError(.capacityCount(.colCapacity, expected: 2, found: 1)) {
            try AssignmentProblem(rows: 2, cols: 2, colCapacity: [1], scores: [[1, 2], [3, 4]])
        }
    }

    func testRejectsNegativeCapacity() {
        assertError(.negativeCapacity(.colCapacity, index: 1, value: -2)) {
            try AssignmentProblem(rows: 1, cols: 2, colCapacity: [0, -2], edges: [AssignmentEdge]())
        }
    }

    func testRejectsEdgeOutOfRange() {
        assertError(.edgeOutOfRange(index: 1, row: 2, col: 0)) {
            try AssignmentProblem(rows: 2, cols: 2, edges: [(0, 0, 1), (2, 0, 1)])
        }
        assertError(.edgeOutOfRange(index: 0, row: 0, col: -1)) {
            try AssignmentProblem(rows: 2, cols: 2, edges: [(0, -1, 1)])
        }
    }

    func testRejectsDuplicateEdge() {
        assertError(.duplicateEdge(index: 2, firstIndex: 0, row: 1, col: 1)) {
            try AssignmentProblem(rows: 2, cols: 2, edges: [(1, 1, 5), (0, 1, 1), (1, 1, 7)])
        }
    }

    func testRejectsDenseRowOfWrongLength() {
        assertError(.denseRowLength(row: 1, expected: 2, found: 3)) {
            try AssignmentProblem(rows: 2, cols: 2, scores: [[1, nil], [1, 2, 3]])
        }
        assertError(.denseRowCount(expected: 3, found: 2)) {
            try AssignmentProblem(rows: 3, cols: 2, scores: [[1, 2], [3, 4]])
        }
        assertError(.denseValueCount(expected: 4, found: 3)) {
            try AssignmentProblem(dense: DenseScores(rows: 2, cols: 2, values: [1, 2, 3]))
        }
    }

    func testRejectsScoreOutOfRange() {
        assertError(.scoreOutOfRange(.edges, index: 0, value: 1 << 40)) {
            try AssignmentProblem(rows: 1, cols: 1, edges: [(0, 0, 1 << 40)])
        }
    }

    func testDescriptionsNameTheField() {
        XCTAssertEqual(
            "\(AssignmentProblemError.negativeCapacity(.rowCapacity, index: 3, value: -1))",
            "rowCapacity[3] must not be negative, found -1"
        )
        XCTAssertEqual(
            "\(AssignmentProblemError.denseRowLength(row: 1, expected: 2, found: 3))",
            "scores[1] must have 2 entries, found 3"
        )
    }

    func testCapacitiesDefaultToOne() throws {
        let problem = try AssignmentProblem(rows: 2, cols: 3, edges: [AssignmentEdge]())
        XCTAssertEqual(problem.rowCapacity, [1, 1])
        XCTAssertEqual(problem.colCapacity, [1, 1, 1])
    }

    private func assertError(
        _ expected: AssignmentProblemError, _ body: () throws -> AssignmentProblem,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try body(), file: file, line: line) {
            XCTAssertEqual($0 as? AssignmentProblemError, expected, file: file, line: line)
        }
    }
}
