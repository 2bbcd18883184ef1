/// The Jonker–Volgenant algorithm (LAPJV, 1987) for a dense linear assignment problem: the
/// assignment of each of `rows` rows to its own column out of `cols ≥ rows`, of least total cost.
///
/// On a square matrix, column reduction, reduction transfer and two rounds of augmenting row
/// reduction first assign most rows cheaply. Each row still free (on a rectangular matrix, every
/// row, from prices 0, as in scipy's solver) is then assigned by a Dijkstra shortest augmenting
/// path over the reduced costs, which stops at the first free column at the least distance. A
/// column's price only falls once it is assigned, so the free columns of a rectangular matrix
/// keep price 0 and the result is optimal. Costs are `Int32`, column prices and distances
/// `Int64`, so every sum is exact.
///
/// The loops run over raw buffers; ``DenseAssignment`` builds the cost matrix.
enum JonkerVolgenant {
    /// The column of each row in a least-cost assignment of the `rows × cols` row-major `cost`.
    static func solve(rows: Int, cols: Int, cost: UnsafeBufferPointer<Int32>) -> [Int] {
        precondition(rows >= 1 && rows <= cols && cost.count == rows * cols)
        if cols == 1 { return [0] }
        var rowSolution = [Int](repeating: -1, count: rows)
        rowSolution.withUnsafeMutableBufferPointer { rowsol in
            let work = Workspace(n: cols)
            defer { work.deallocate() }
            var state = State(n: cols, cost: cost.baseAddress!, rowsol: rowsol, work: work)
            if rows == cols {
                var free = state.reduceColumns()
                free = state.reduceRows(free: free)
                free = state.reduceRows(free: free)
                for row in free { state.augment(from: row) }
            } else {
                for row in 0..<rows { state.augment(from: row) }
            }
        }
        return rowSolution
    }

    /// The scratch arrays of one solve, allocated once.
    struct Workspace {
        let colsol: UnsafeMutableBufferPointer<Int>
        let prices: UnsafeMutableBufferPointer<Int64>
        let distance: UnsafeMutableBufferPointer<Int64>
        let predecessor: UnsafeMutableBufferPointer<Int>
        let columns: UnsafeMutableBufferPointer<Int>

        init(n: Int) {
            colsol = .allocate(capacity: n)
            colsol.initialize(repeating: -1)
            prices = .allocate(capacity: n)
            prices.initialize(repeating: 0)
            distance = .allocate(capacity: n)
            distance.initialize(repeating: 0)
            predecessor = .allocate(capacity: n)
            predecessor.initialize(repeating: 0)
            columns = .allocate(capacity: n)
            columns.initialize(repeating: 0)
        }

        func deallocate() {
            colsol.deallocate()
            prices.deallocate()
            distance.deallocate()
            predecessor.deallocate()
            columns.deallocate()
        }
    }

    /// The assignment being built: `rowsol[i]` is the column of row `i`, `colsol[j]` the row of
    /// column `j` (`-1` when free), `prices` the column duals `v`.
    struct State {
        /// The number of columns, which is also the length of a row of `cost`.
        let n: Int
        let cost: UnsafePointer<Int32>
        let rowsol: UnsafeMutableBufferPointer<Int>
        let colsol: UnsafeMutableBufferPointer<Int>
        let prices: UnsafeMutableBufferPointer<Int64>
        let distance: UnsafeMutableBufferPointer<Int64>
        let predecessor: UnsafeMutableBufferPointer<Int>
        let columns: UnsafeMutableBufferPointer<Int>

        init(n: Int, cost: UnsafePointer<Int32>, rowsol: UnsafeMutableBufferPointer<Int>, work: Workspace) {
            self.n = n
            self.cost = cost
            self.rowsol = rowsol
            colsol = work.colsol
            prices = work.prices
            distance = work.distance
            predecessor = work.predecessor
            columns = work.columns
        }

        @inline(__always)
        func row(_ i: Int) -> UnsafePointer<Int32> { cost + i * n }

        /// Square matrices only: prices each column at its least cost and gives it to the row of that cost, when that
        /// row has no column yet; then lowers the price of each row's only column by the row's
        /// margin to its second-best column (reduction transfer). Returns the rows left free.
        ///
        /// The column minima are found row by row, so that the matrix is read in memory order.
        mutating func reduceColumns() -> [Int] {
            let argmin = predecessor
            for j in 0..<n {
                prices[j] = Int64(cost[j])
                argmin[j] = 0
            }
            for i in 1..<n {
                let costs = row(i)
                for j in 0..<n where Int64(costs[j]) < prices[j] {
                    prices[j] = Int64(costs[j])
                    argmin[j] = i
                }
            }
            var matches = [Int](repeating: 0, count: n)
            for j in stride(from: n - 1, through: 0, by: -1) {
                let i = argmin[j]
                matches[i] += 1
                if matches[i] == 1 {
                    rowsol[i] = j
                    colsol[j] = i
                } else {
                    colsol[j] = -1
                }
            }
            var free: [Int] = []
            for i in 0..<n {
                if matches[i] == 0 {
                    free.append(i)
                } else if matches[i] == 1 {
                    let only = rowsol[i]
                    let costs = row(i)
                    var least = Int64.max
                    for j in 0..<n where j != only {
                        least = min(least, Int64(costs[j]) - prices[j])
                    }
                    prices[only] -= least
                }
            }
            return free
        }

        /// Square matrices only: one round of augmenting row reduction: each free row takes its cheapest column at a
        /// price just below its second-cheapest, displacing that column's row, which is retried
        /// at once when the price fell and queued otherwise. Returns the rows still free.
        mutating func reduceRows(free input: [Int]) -> [Int] {
            var free = input
            let count = free.count
            var next = 0
            var freeCount = 0
            while next < count {
                let i = free[next]
                next += 1
                let costs = row(i)
                var least = Int64(costs[0]) - prices[0]
                var leastColumn = 0
                var second = Int64.max
                var secondColumn = 0
                for j in 1..<n {
                    let reduced = Int64(costs[j]) - prices[j]
                    if reduced < second {
                        if reduced >= least {
                            second = reduced
                            secondColumn = j
                        } else {
                            second = least
                            secondColumn = leastColumn
                            least = reduced
                            leastColumn = j
                        }
                    }
                }
                var displaced = colsol[leastColumn]
                if least < second {
                    prices[leastColumn] -= second - least
                } else if displaced >= 0 {
                    leastColumn = secondColumn
                    displaced = colsol[secondColumn]
                }
                rowsol[i] = leastColumn
                colsol[leastColumn] = i
                if displaced >= 0 {
                    if least < second {
                        next -= 1
                        free[next] = displaced
                    } else {
                        free[freeCount] = displaced
                        freeCount += 1
                    }
                }
            }
            free.removeLast(count - freeCount)
            return free
        }

        /// Assigns `freeRow` along a shortest augmenting path (Dijkstra over reduced costs,
        /// stopping at the first free column at the least distance) and updates the prices of
        /// the columns whose distance became final.
        mutating func augment(from freeRow: Int) {
            let n = n
            let costs = row(freeRow)
            for j in 0..<n {
                distance[j] = Int64(costs[j]) - prices[j]
                predecessor[j] = freeRow
                columns[j] = j
            }
            // columns[0..<low]: final; columns[low..<up]: at distance `least`, to scan; rest: unscanned.
            var low = 0
            var up = 0
            var last = 0
            var least: Int64 = 0
            var end = -1
            search: while true {
                if up == low {
                    last = low - 1
                    least = distance[columns[up]]
                    up += 1
                    for k in up..<n {
                        let j = columns[k]
                        let h = distance[j]
                        if h <= least {
                            if h < least {
                                up = low
                                least = h
                            }
                            columns[k] = columns[up]
                            columns[up] = j
                            up += 1
                        }
                    }
                    for k in low..<up where colsol[columns[k]] < 0 {
                        end = columns[k]
                        break search
                    }
                }
                let scanned = columns[low]
                low += 1
                let i = colsol[scanned]
                let rowCosts = row(i)
                let shift = Int64(rowCosts[scanned]) - prices[scanned] - least
                var k = up
                while k < n {
                    let j = columns[k]
                    let candidate = Int64(rowCosts[j]) - prices[j] - shift
                    if candidate < distance[j] {
                        predecessor[j] = i
                        if candidate == least {
                            if colsol[j] < 0 {
                                end = j
                                break search
                            }
                            columns[k] = columns[up]
                            columns[up] = j
                            up += 1
                        }
                        distance[j] = candidate
                    }
                    k += 1
                }
            }
            if last >= 0 {
                for k in 0...last {
                    let j = columns[k]
                    prices[j] += distance[j] - least
                }
            }
            var j = end
            while true {
                let i = predecessor[j]
                colsol[j] = i
                let previous = rowsol[i]
                rowsol[i] = j
                j = previous
                if i == freeRow { break }
            }
        }
    }
}
