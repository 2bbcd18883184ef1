import ArgumentParser
import Assignment
import Foundation

/// `spotjob assignment solve FILE.json`: the matching solver on a given problem, for audits and benchmarks.
struct AssignmentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignment", abstract: "Run the assignment solver on a problem file.", subcommands: [Solve.self])

    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve {rows, cols, rowCapacity?, colCapacity?, edges | scores}; prints {total, pairs}.")
        @Argument(help: "The problem, JSON.", completion: .file()) var file: String
        @Flag(help: "Print {\"total\": T, \"pairs\": [[row, col], ...]} only.") var json = false

        func run() async throws {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch { throw ValidationError("cannot read \(file)") }
            let problem: AssignmentProblem
            do { problem = try AssignmentJSON.problem(from: data) } catch { throw ValidationError("\(file): \(error)") }
            let started = ContinuousClock.now
            let solution = AssignmentSolver.solve(problem)
            let took = ContinuousClock.now - started
            if json { return print(String(decoding: AssignmentJSON.data(of: solution), as: UTF8.self)) }
            print("total \(solution.total), \(solution.pairs.count) pair(s) of \(problem.rows) row(s) × \(problem.cols) column(s), solved in \(took)")
            for pair in solution.pairs.prefix(50) { print("  row \(pair.row) → col \(pair.col)") }
            if solution.pairs.count > 50 { print("  … (--json for all)") }
        }
    }
}
