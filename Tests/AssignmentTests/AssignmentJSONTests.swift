import Assignment
import Foundation
import XCTest

final class AssignmentJSONTests: XCTestCase {
    func testReadsSparseProblemWithDefaultCapacities() throws {
        let problem = try AssignmentJSON.problem(from: Data(#"{"rows": 2, "cols": 3, "edges": [[0, 2, 5], [1, 0, 4]]}"#.utf8))
        XCTAssertEqual(problem, try AssignmentProblem(rows: 2, cols: 3, edges: [(0, 2, 5), (1, 0, 4)]))
        XCTAssertEqual(AssignmentSolver.solve(problem).total, 9)
    }

    func testReadsDenseProblemWithNulls() throws {
        let json = #"{"rows": 2, "cols": 2, "rowCapacity": [1, 2], "colCapacity": [2, 1], "scores": [[3, null], [4, 1]]}"#
        let problem = try AssignmentJSON.problem(from: Data(json.utf8))
        XCTAssertEqual(
            problem,
            try AssignmentProblem(rows: 2, cols: 2, rowCapacity: [1, 2], colCapacity: [2, 1], scores: [[3, nil], [4, 1]])
        )
        XCTAssertEqual(AssignmentSolver.solve(problem).total, 8)
    }

    func testProblemRoundTrip() throws {
        var random = RandomProblems(seed: 11)
        for index in 0..<50 {
            let problem = random.problem(
                rows: random.int(1...6), cols: random.int(1...6), density: 0.6, scores: -5...50, capacities: 0...3, dense: index.isMultiple(of: 2)
            )
            XCTAssertEqual(try AssignmentJSON.problem(from: AssignmentJSON.data(of: problem)), problem)
        }
    }

    func testSolutionRoundTripAndFormat() throws {
        let problem = try AssignmentProblem(rows: 2, cols: 2, scores: [[10, 9], [8, 1]])
        let solution = AssignmentSolver.solve(problem)
        let data = AssignmentJSON.data(of: solution)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"pairs":[[0,1],[1,0]],"total":17}"#)
        XCTAssertEqual(try AssignmentJSON.solution(from: data), solution)
    }

    func testReportsProblemErrors() {
        assertError(.invalidProblem(.duplicateEdge(index: 1, firstIndex: 0, row: 0, col: 0)), #"{"rows":1,"cols":1,"edges":[[0,0,1],[0,0,2]]}"#)
        assertError(.invalidProblem(.denseRowLength(row: 0, expected: 2, found: 1)), #"{"rows":1,"cols":2,"scores":[[1]]}"#)
        assertError(.invalidProblem(.denseRowCount(expected: 2, found: 1)), #"{"rows":2,"cols":1,"scores":[[1]]}"#)
        assertError(.invalidProblem(.nonPositiveDimension(.cols, 0)), #"{"rows":1,"cols":0,"edges":[]}"#)
        assertError(.invalidProblem(.capacityCount(.rowCapacity, expected: 1, found: 2)), #"{"rows":1,"cols":1,"rowCapacity":[1,1],"edges":[]}"#)
    }

    func testReportsFileErrors() {
        assertError(.noScores, #"{"rows":1,"cols":1}"#)
        assertError(.edgesAndScores, #"{"rows":1,"cols":1,"edges":[],"scores":[[1]]}"#)
        assertError(.edgeNotTriple(index: 0, count: 2), #"{"rows":1,"cols":1,"edges":[[0,0]]}"#)
        assertError(.malformed(path: "rows", reason: "is required"), #"{"cols":1,"edges":[]}"#)
        XCTAssertThrowsError(try AssignmentJSON.problem(from: Data(#"{"rows":1,"cols":1,"edges":[[0,0,"x"]]}"#.utf8))) { error in
            guard case .malformed(let path, _)? = error as? AssignmentFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "edges[0][2]")
        }
        XCTAssertThrowsError(try AssignmentJSON.problem(from: Data("not json".utf8)))
    }

    private func assertError(_ expected: AssignmentFileError, _ json: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try AssignmentJSON.problem(from: Data(json.utf8)), file: file, line: line) {
            XCTAssertEqual($0 as? AssignmentFileError, expected, file: file, line: line)
        }
    }
}
