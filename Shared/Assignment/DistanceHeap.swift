/// A binary min-heap of `(distance, node)` entries for Dijkstra, with lazy deletion: a node may
/// be pushed again with a shorter distance, and the caller skips the stale entries it pops.
struct DistanceHeap {
    private var keys: [Int64] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Int64, _ node: Int) {
        var index = keys.count
        keys.append(key)
        nodes.append(Int32(truncatingIfNeeded: node))
        while index > 0 {
            let parent = (index - 1) / 2
            guard keys[parent] > key else { break }
            keys[index] = keys[parent]
            nodes[index] = nodes[parent]
            index = parent
        }
        keys[index] = key
        nodes[index] = Int32(truncatingIfNeeded: node)
    }

    /// The entry of least distance, removed.
    mutating func pop() -> (key: Int64, node: Int) {
        let top = (keys[0], Int(nodes[0]))
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var index = 0
            while true {
                var child = 2 * index + 1
                guard child < count else { break }
                if child + 1 < count, keys[child + 1] < keys[child] { child += 1 }
                guard keys[child] < lastKey else { break }
                keys[index] = keys[child]
                nodes[index] = nodes[child]
                index = child
            }
            keys[index] = lastKey
            nodes[index] = lastNode
        }
        return top
    }
}
