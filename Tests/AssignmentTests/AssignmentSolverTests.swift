import Assignment
import SeededRandom
import XCTest

final class AssignmentSolverTests: XCTestCase {
    // MARK: Against brute force

    func testSquareUnitCapacityMatchesBruteForce() {
        checkAgainstBruteForce(seed: 1, count: 300, rows: 1...4, cols: nil, density: 1, capacities: nil)
    }

    func testRectangularMoreRowsMatchesBruteForce() {
        checkAgainstBruteForce(seed: 2, count: 300, rows: 3...5, cols: 1...3, density: 0.8, capacities: nil)
    }

    func testRectangularMoreColsMatchesBruteForce() {
        checkAgainstBruteForce(seed: 3, count: 300, rows: 1...3, cols: 3...5, density: 0.8, capacities: nil)
    }

    func testInfeasiblePairsMatchBruteForce() {
        checkAgainstBruteForce(seed: 4, count: 300, rows: 1...5, cols: 1...4, density: 0.4, capacities: nil)
    }

    func testCapacitatedRowsAndColsMatchBruteForce() {
        checkAgainstBruteForce(seed: 5, count: 300, rows: 1...4, cols: 1...4, density: 0.7, capacities: 0...3)
    }

    /// Capacities of 0 and 1 keep the dense instances on Jonker–Volgenant, with rows and columns left out.
    func testZeroOrOneCapacitiesMatchBruteForce() {
        checkAgainstBruteForce(seed: 9, count: 300, rows: 1...5, cols: 1...4, density: 0.7, capacities: 0...1)
    }

    func testNegativeAndZeroScoresAreNeverChosen() {
        checkAgainstBruteForce(seed: 6, count: 300, rows: 1...4, cols: 1...4, density: 0.9, scores: -5...3, capacities: 0...2)
    }

    // MARK: Edge cases

    func testAllInfeasibleGivesEmptySolution() throws {
        let dense = try AssignmentProblem(rows: 3, cols: 2, scores: Array(repeating: [nil, nil], count: 3))
        let sparse = try AssignmentProblem(rows: 3, cols: 2, edges: [AssignmentEdge]())
        for problem in [dense, sparse] {
            for method in AssignmentSolver.Method.allCases {
                XCTAssertEqual(AssignmentSolver.solve(problem, method: method), AssignmentSolution(total: 0, pairs: []))
            }
        }
    }

    func testZeroCapacitiesGiveEmptySolution() throws {
        let problem = try AssignmentProblem(rows: 2, cols: 2, rowCapacity: [0, 0], scores: [[5, 6], [7, 8]])
        for method in AssignmentSolver.Method.allCases {
            XCTAssertEqual(AssignmentSolver.solve(problem, method: method).total, 0)
        }
    }

    func testOneByOne() throws {
        let problem = try AssignmentProblem(rows: 1, cols: 1, scores: [[7]])
        for method in AssignmentSolver.Method.allCases {
            XCTAssertEqual(AssignmentSolver.solve(problem, method: method), AssignmentSolution(total: 7, pairs: [.init(row: 0, col: 0)]))
        }
    }

    /// A case where the greedy choice (row 0 takes its best column) is wrong.
    func testBeatsGreedy() throws {
        let problem = try AssignmentProblem(rows: 2, cols: 2, scores: [[10, 9], [8, 1]])
        for method in AssignmentSolver.Method.allCases {
            XCTAssertEqual(
                AssignmentSolver.solve(problem, method: method),
                AssignmentSolution(total: 17, pairs: [.init(row: 0, col: 1), .init(row: 1, col: 0)])
            )
        }
    }

    /// The total `scipy.optimize.linear_sum_assignment(maximize=True)` gives for this matrix.
    func testKnownDenseOptimum() throws {
        let scores = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        let problem = try AssignmentProblem(rows: 3, cols: 3, scores: scores)
        for method in AssignmentSolver.Method.allCases {
            XCTAssertEqual(AssignmentSolver.solve(problem, method: method).total, 11)
        }
    }

    /// Larger dense instances, beyond brute force: the two algorithms must agree.
    func testJonkerVolgenantAgreesWithMinCostFlow() {
        var random = RandomProblems(seed: 7)
        for _ in 0..<40 {
            let rows = random.int(5...40)
            let cols = random.int(5...40)
            let density = [1.0, 0.5, 0.1][random.int(0...2)]
            let problem = random.problem(rows: rows, cols: cols, density: density, scores: -20...[5, 100, 1000][random.int(0...2)], dense: true)
            let jv = AssignmentSolver.solve(problem, method: .denseJonkerVolgenant)
            let flow = AssignmentSolver.solve(problem, method: .minCostFlow)
            XCTAssertEqual(jv.total, flow.total, "\(rows)×\(cols) density \(density)")
            assertValid(jv, of: problem)
            assertValid(flow, of: problem)
        }
    }

    /// A sparse instance shaped like the matching service's (few people per opening, many
    /// people): the flow solver must agree with Jonker–Volgenant on its densified form.
    func testSparseFlowAgreesWithJonkerVolgenant() throws {
        var generator = SplitMix64(seed: 8)
        var edges: [AssignmentEdge] = []
        for row in 0..<150 {
            for col in Set((0..<12).map { _ in Int.random(in: 0..<400, using: &generator) }) {
                edges.append(AssignmentEdge(row: row, col: col, score: Int.random(in: 0...100, using: &generator)))
            }
        }
        let problem = try AssignmentProblem(rows: 150, cols: 400, edges: edges)
        let flow = AssignmentSolver.solve(problem)
        XCTAssertEqual(flow.total, AssignmentSolver.solve(problem, method: .denseJonkerVolgenant).total)
        assertValid(flow, of: problem)
    }

    // MARK: Helpers

    private func checkAgainstBruteForce(
        seed: UInt64, count: Int, rows: ClosedRange<Int>, cols: ClosedRange<Int>?, density: Double,
        scores: ClosedRange<Int> = 0...9, capacities: ClosedRange<Int>?, file: StaticString = #filePath, line: UInt = #line
    ) {
        var random = RandomProblems(seed: seed)
        for index in 0..<count {
            let rowCount = random.int(rows)
            let colCount = cols.map { random.int($0) } ?? rowCount
            let problem = random.problem(
                rows: rowCount, cols: colCount, density: density, scores: scores, capacities: capacities, dense: index % 2 == 0
            )
            let expected = BruteForceAssignment.bestTotal(problem)
            for method in AssignmentSolver.Method.allCases {
                let solution = AssignmentSolver.solve(problem, method: method)
                XCTAssertEqual(solution.total, expected, "instance \(index), \(method): \(problem)", file: file, line: line)
                assertValid(solution, of: problem, file: file, line: line)
            }
        }
    }

    /// Checks that `solution` uses feasible pairs worth more than 0, each once, within the
    /// capacities, sorted, and that its total is their sum.
    private func assertValid(
        _ solution: AssignmentSolution, of problem: AssignmentProblem, file: StaticString = #filePath, line: UInt = #line
    ) {
        var score: [AssignmentPair: Int] = [:]
        for edge in BruteForceAssignment.feasibleEdges(problem) { score[AssignmentPair(row: edge.row, col: edge.col)] = edge.score }
        var rowUse = [Int](repeating: 0, count: problem.rows)
        var colUse = [Int](repeating: 0, count: problem.cols)
        var total = 0
        for pair in solution.pairs {
            guard let value = score[pair] else { return XCTFail("infeasible pair \(pair)", file: file, line: line) }
            XCTAssertGreaterThan(value, 0, "pair \(pair) has no benefit", file: file, line: line)
            total += value
            rowUse[pair.row] += 1
            colUse[pair.col] += 1
        }
        XCTAssertEqual(Set(solution.pairs).count, solution.pairs.count, "a pair is used twice", file: file, line: line)
        XCTAssertEqual(solution.pairs, solution.pairs.sorted(), file: file, line: line)
        XCTAssertEqual(total, solution.total, file: file, line: line)
        XCTAssert(zip(rowUse, problem.rowCapacity).allSatisfy { $0 <= $1 }, "row over capacity", file: file, line: line)
        XCTAssert(zip(colUse, problem.colCapacity).allSatisfy { $0 <= $1 }, "col over capacity", file: file, line: line)
    }
}
