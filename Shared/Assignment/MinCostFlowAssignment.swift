/// Solves any ``AssignmentProblem`` exactly as a min-cost flow, by successive shortest paths.
///
/// The network: each row `i` has supply `rowCapacity[i]`; an arc of capacity 1 and cost `-s`
/// leads from row `i` to column `j` for each feasible pair worth `s > 0`; each column `j` leads
/// to the sink with capacity `colCapacity[j]`, and each row leads straight to the sink ("left
/// unmatched") at cost 0. A least-cost flow of all supplies is a best assignment of any size.
///
/// Each unit of supply, row by row, goes along a shortest path to the sink, found by Dijkstra
/// over costs reduced by node potentials and stopped as soon as the sink is final; the nodes
/// made final then have their potentials moved so that every reduced cost stays nonnegative.
/// Capacities are handled natively, with no expansion. The side of less total capacity supplies
/// the flow (the problem is solved transposed when that is the columns): every unit sent then
/// has the other side's spare room to reach, and the searches stay short.
struct MinCostFlowAssignment {
    private let rows: Int
    private let cols: Int
    private let colCapacity: [Int]
    /// Edges by row: `edgeStart[i]..<edgeStart[i + 1]` index `edgeCol`, `edgeCost`, `edgeUsed`.
    private var edgeStart: [Int]
    private var edgeRow: [Int32]
    private var edgeCol: [Int32]
    private var edgeCost: [Int64]
    private var edgeUsed: [Bool]
    /// Edge numbers by column: `colEdgeStart[j]..<colEdgeStart[j + 1]` index `colEdges`.
    private var colEdgeStart: [Int]
    private var colEdges: [Int32]
    private var colUsed: [Int]
    /// Node potentials: rows `0..<rows`, then columns; the sink's stays ``sinkPotential``.
    private var potential: [Int64]
    private var sinkPotential: Int64 = 0

    // Dijkstra scratch, reset after each search for the nodes it touched only.
    private var distance: [Int64]
    private var predecessorEdge: [Int32]
    private var final: [Bool]
    private var touched: [Int] = []
    private var heap = DistanceHeap()

    static func solve(_ problem: AssignmentProblem) -> AssignmentSolution {
        let edges = problem.positiveEdges().filter {
            problem.rowCapacity[$0.row] > 0 && problem.colCapacity[$0.col] > 0
        }
        let transposed = problem.colCapacity.reduce(0, +) < problem.rowCapacity.reduce(0, +)
        var flow =
            transposed
            ? MinCostFlowAssignment(
                rows: problem.cols, cols: problem.rows, colCapacity: problem.rowCapacity,
                edges: edges.map { AssignmentEdge(row: $0.col, col: $0.row, score: $0.score) }
            )
            : MinCostFlowAssignment(rows: problem.rows, cols: problem.cols, colCapacity: problem.colCapacity, edges: edges)
        let supply = transposed ? problem.colCapacity : problem.rowCapacity
        for row in 0..<flow.rows where flow.edgeStart[row] < flow.edgeStart[row + 1] {
            for _ in 0..<min(supply[row], flow.edgeStart[row + 1] - flow.edgeStart[row]) {
                flow.sendUnit(from: row)
            }
        }
        let solution = flow.solution()
        guard transposed else { return solution }
        return AssignmentSolution(total: solution.total, pairs: solution.pairs.map { AssignmentPair(row: $0.col, col: $0.row) })
    }

    /// The network of `edges`, all worth more than 0 and between a row and a column of capacity.
    private init(rows: Int, cols: Int, colCapacity: [Int], edges: [AssignmentEdge]) {
        self.rows = rows
        self.cols = cols
        self.colCapacity = colCapacity
        edgeStart = [Int](repeating: 0, count: rows + 1)
        colEdgeStart = [Int](repeating: 0, count: cols + 1)
        for edge in edges {
            edgeStart[edge.row + 1] += 1
            colEdgeStart[edge.col + 1] += 1
        }
        for i in 0..<rows { edgeStart[i + 1] += edgeStart[i] }
        for j in 0..<cols { colEdgeStart[j + 1] += colEdgeStart[j] }
        edgeRow = [Int32](repeating: 0, count: edges.count)
        edgeCol = [Int32](repeating: 0, count: edges.count)
        edgeCost = [Int64](repeating: 0, count: edges.count)
        edgeUsed = [Bool](repeating: false, count: edges.count)
        colEdges = [Int32](repeating: 0, count: edges.count)
        var rowFill = edgeStart
        var colFill = colEdgeStart
        potential = [Int64](repeating: 0, count: rows + cols)
        for edge in edges {
            let e = rowFill[edge.row]
            rowFill[edge.row] += 1
            edgeRow[e] = Int32(edge.row)
            edgeCol[e] = Int32(edge.col)
            edgeCost[e] = -Int64(edge.score)
            colEdges[colFill[edge.col]] = Int32(e)
            colFill[edge.col] += 1
            // A column's potential starts at its least incoming cost, so reduced costs are ≥ 0.
            potential[rows + edge.col] = min(potential[rows + edge.col], -Int64(edge.score))
        }
        sinkPotential = potential.min() ?? 0
        colUsed = [Int](repeating: 0, count: cols)
        distance = [Int64](repeating: .max, count: rows + cols)
        predecessorEdge = [Int32](repeating: -1, count: rows + cols)
        final = [Bool](repeating: false, count: rows + cols)
    }

    /// How the shortest path reaches the sink: from a row left unmatched or a column with room.
    private enum SinkArc {
        case unmatchedRow(Int)
        case column(Int)
    }

    /// Sends one unit of `source`'s supply along a shortest path to the sink.
    private mutating func sendUnit(from source: Int) {
        var sinkDistance = Int64.max
        var sinkArc = SinkArc.unmatchedRow(source)
        distance[source] = 0
        predecessorEdge[source] = -1
        touched.append(source)
        heap.push(0, source)
        while !heap.isEmpty {
            let (d, node) = heap.pop()
            if d >= sinkDistance { break }
            if final[node] || d > distance[node] { continue }
            final[node] = true
            if node < rows {
                let reachSink = d + potential[node] - sinkPotential
                if reachSink < sinkDistance {
                    sinkDistance = reachSink
                    sinkArc = .unmatchedRow(node)
                }
                let base = d + potential[node]
                for e in edgeStart[node]..<edgeStart[node + 1] where !edgeUsed[e] {
                    let target = rows + Int(edgeCol[e])
                    relax(target, base + edgeCost[e] - potential[target], via: e)
                }
            } else {
                let col = node - rows
                if colUsed[col] < colCapacity[col] {
                    let reachSink = d + potential[node] - sinkPotential
                    if reachSink < sinkDistance {
                        sinkDistance = reachSink
                        sinkArc = .column(col)
                    }
                }
                let base = d + potential[node]
                for k in colEdgeStart[col]..<colEdgeStart[col + 1] {
                    let e = Int(colEdges[k])
                    guard edgeUsed[e] else { continue }
                    let target = Int(edgeRow[e])
                    relax(target, base - edgeCost[e] - potential[target], via: e)
                }
            }
        }
        heap.removeAll()
        augment(to: sinkArc)
        for node in touched {
            if final[node] { potential[node] += distance[node] - sinkDistance }
            distance[node] = .max
            final[node] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func relax(_ node: Int, _ candidate: Int64, via edge: Int) {
        guard candidate < distance[node] else { return }
        if distance[node] == .max { touched.append(node) }
        distance[node] = candidate
        predecessorEdge[node] = Int32(truncatingIfNeeded: edge)
        heap.push(candidate, node)
    }

    /// Flips the edges of the path that ends at the sink through `arc`.
    private mutating func augment(to arc: SinkArc) {
        var node: Int
        switch arc {
        case .unmatchedRow(let row):
            node = row
        case .column(let col):
            colUsed[col] += 1
            node = rows + col
        }
        while predecessorEdge[node] >= 0 {
            let e = Int(predecessorEdge[node])
            if node >= rows {
                edgeUsed[e] = true
                node = Int(edgeRow[e])
            } else {
                edgeUsed[e] = false
                node = rows + Int(edgeCol[e])
            }
        }
    }

    private func solution() -> AssignmentSolution {
        var total = 0
        var pairs: [AssignmentPair] = []
        for e in edgeUsed.indices where edgeUsed[e] {
            total -= Int(edgeCost[e])
            pairs.append(AssignmentPair(row: Int(edgeRow[e]), col: Int(edgeCol[e])))
        }
        return AssignmentSolution(total: total, pairs: pairs)
    }
}
