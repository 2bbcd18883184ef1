import BodyReading

/// A message on intake's queue as ``IntakeHandler/read(_:)`` found it, before any database work.
public enum IntakeMessage: Sendable {
    /// A `sheet.submitted`: the validated sheet, or every problem found in it.
    case sheet(Result<SpotJobSheet, Rejection>)
    /// A `sheet.withdrawn`: the validated withdrawal, or every problem found in it.
    case withdrawal(Result<SheetWithdrawal, Rejection>)
    /// A message of a type intake does not handle.
    case unsupported(type: String)

    /// The sheet the message is about, when it could be read.
    var sheetId: String? {
        switch self {
        case .sheet(.success(let sheet)): sheet.sheetId
        case .withdrawal(.success(let withdrawal)): withdrawal.sheetId
        case .sheet(.failure(let rejection)), .withdrawal(.failure(let rejection)): rejection.subject
        case .unsupported: nil
        }
    }
}
