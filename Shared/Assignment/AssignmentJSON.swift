import Foundation

/// The JSON file format of ``AssignmentProblem`` and ``AssignmentSolution``, read with
/// Foundation's `JSONDecoder`.
///
/// A problem: `{"rows": R, "cols": C, "rowCapacity": [...], "colCapacity": [...], "edges":
/// [[row, col, score], ...]}`, or `"scores"` in place of `"edges"`: `R` arrays of `C` integers,
/// `null` for an infeasible pair. The capacities default to 1 each.
///
/// A solution: `{"total": T, "pairs": [[row, col], ...]}`, the pairs sorted.
public enum AssignmentJSON {
    /// Reads a problem.
    ///
    /// - Throws: an ``AssignmentFileError``; ``AssignmentFileError/invalidProblem(_:)`` carries
    ///   the ``AssignmentProblemError`` of a well-formed file.
    public static func problem(from data: Data) throws(AssignmentFileError) -> AssignmentProblem {
        let document = try decode(ProblemDocument.self, from: data)
        do {
            switch (document.edges, document.scores) {
            case (nil, nil):
                throw AssignmentFileError.noScores
            case (.some, .some):
                throw AssignmentFileError.edgesAndScores
            case (let edges?, nil):
                var triples: [AssignmentEdge] = []
                triples.reserveCapacity(edges.count)
                for (index, edge) in edges.enumerated() {
                    guard edge.count == 3 else { throw AssignmentFileError.edgeNotTriple(index: index, count: edge.count) }
                    triples.append(AssignmentEdge(row: edge[0], col: edge[1], score: edge[2]))
                }
                return try AssignmentProblem(
                    rows: document.rows, cols: document.cols,
                    rowCapacity: document.rowCapacity, colCapacity: document.colCapacity, edges: triples
                )
            case (nil, let scores?):
                guard document.rows > 0 else { throw AssignmentProblemError.nonPositiveDimension(.rows, document.rows) }
                guard document.cols > 0 else { throw AssignmentProblemError.nonPositiveDimension(.cols, document.cols) }
                guard scores.rowLengths.count == document.rows else {
                    throw AssignmentProblemError.denseRowCount(expected: document.rows, found: scores.rowLengths.count)
                }
                if let row = scores.rowLengths.firstIndex(where: { $0 != document.cols }) {
                    throw AssignmentProblemError.denseRowLength(row: row, expected: document.cols, found: scores.rowLengths[row])
                }
                let dense = try DenseScores(
                    rows: document.rows, cols: document.cols, values: scores.values, feasible: scores.feasible
                )
                return try AssignmentProblem(rowCapacity: document.rowCapacity, colCapacity: document.colCapacity, dense: dense)
            }
        } catch let error as AssignmentFileError {
            throw error
        } catch let error as AssignmentProblemError {
            throw .invalidProblem(error)
        } catch {
            throw .malformed(path: "", reason: "\(error)")
        }
    }

    /// Writes a problem, with its scores as `edges` or `scores` as it was given.
    public static func data(of problem: AssignmentProblem) -> Data {
        var document = ProblemDocument(
            rows: problem.rows, cols: problem.cols,
            rowCapacity: problem.rowCapacity, colCapacity: problem.colCapacity, edges: nil, scores: nil
        )
        switch problem.scores {
        case .sparse(let edges):
            document.edges = edges.map { [$0.row, $0.col, $0.score] }
        case .dense(let dense):
            document.scores = DenseScoresDocument(dense)
        }
        return try! JSONEncoder().encode(document)
    }

    /// Reads a solution.
    public static func solution(from data: Data) throws(AssignmentFileError) -> AssignmentSolution {
        let document = try decode(SolutionDocument.self, from: data)
        var pairs: [AssignmentPair] = []
        for (index, pair) in document.pairs.enumerated() {
            guard pair.count == 2 else {
                throw .malformed(path: "pairs[\(index)]", reason: "must be [row, col], found \(pair.count) entries")
            }
            pairs.append(AssignmentPair(row: pair[0], col: pair[1]))
        }
        return AssignmentSolution(total: document.total, pairs: pairs)
    }

    /// Writes a solution: `{"pairs":[[row,col],...],"total":T}`, keys sorted.
    public static func data(of solution: AssignmentSolution) -> Data {
        let document = SolutionDocument(total: solution.total, pairs: solution.pairs.map { [$0.row, $0.col] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try! encoder.encode(document)
    }

    private static func decode<Document: Decodable>(_ type: Document.Type, from data: Data) throws(AssignmentFileError) -> Document {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as AssignmentFileError {
            throw error
        } catch let error as DecodingError {
            throw Self.fileError(error)
        } catch {
            throw .malformed(path: "", reason: "\(error)")
        }
    }

    private static func fileError(_ error: DecodingError) -> AssignmentFileError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.reduce(into: "") { path, key in
                if let index = key.intValue { path += "[\(index)]" } else { path += path.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .malformed(path: path(context.codingPath), reason: "expected \(type == Int.self ? "an integer" : "\(type)")")
        case .valueNotFound(let type, let context):
            return .malformed(path: path(context.codingPath), reason: "expected \(type == Int.self ? "an integer" : "\(type)"), found null")
        case .keyNotFound(let key, let context):
            return .malformed(path: path(context.codingPath + [key]), reason: "is required")
        case .dataCorrupted(let context):
            return .malformed(path: path(context.codingPath), reason: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        @unknown default:
            return .malformed(path: "", reason: "\(error)")
        }
    }
}

/// The JSON object of a problem.
private struct ProblemDocument: Codable {
    var rows: Int
    var cols: Int
    var rowCapacity: [Int]?
    var colCapacity: [Int]?
    var edges: [[Int]]?
    var scores: DenseScoresDocument?
}

/// The `scores` array of arrays, read straight into flat row-major arrays.
private struct DenseScoresDocument: Codable {
    var values: [Int] = []
    var feasible: [Bool] = []
    var rowLengths: [Int] = []

    init(_ dense: DenseScores) {
        values = dense.values
        feasible = dense.feasible ?? Array(repeating: true, count: dense.values.count)
        rowLengths = Array(repeating: dense.cols, count: dense.rows)
    }

    init(from decoder: any Decoder) throws {
        var rows = try decoder.unkeyedContainer()
        while !rows.isAtEnd {
            var row = try rows.nestedUnkeyedContainer()
            var length = 0
            while !row.isAtEnd {
                if try row.decodeNil() {
                    values.append(0)
                    feasible.append(false)
                } else {
                    values.append(try row.decode(Int.self))
                    feasible.append(true)
                }
                length += 1
            }
            rowLengths.append(length)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var rows = encoder.unkeyedContainer()
        var start = 0
        for length in rowLengths {
            var row = rows.nestedUnkeyedContainer()
            for index in start..<(start + length) {
                if feasible[index] { try row.encode(values[index]) } else { try row.encodeNil() }
            }
            start += length
        }
    }
}

/// The JSON object of a solution.
private struct SolutionDocument: Codable {
    var total: Int
    var pairs: [[Int]]
}
