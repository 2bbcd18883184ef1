/// Runs `body` once and returns its result and the seconds it took.
public func timed<Result>(_ body: () throws -> Result) rethrows -> (Result, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Runs `body` `repeats` times and returns the last result and the median seconds.
public func timedMedian<Result>(repeats: Int, _ body: () throws -> Result) rethrows -> (Result, Double) {
    var seconds: [Double] = []
    var result: Result? = nil
    for _ in 0..<max(repeats, 1) {
        let (value, elapsed) = try timed(body)
        result = value
        seconds.append(elapsed)
    }
    return (result!, seconds.sorted()[seconds.count / 2])
}
