import BodyReading

extension SheetWithdrawal {
    /// Reads the fields of a `sheet.withdrawn` body after its `sheetId`, recording every
    /// problem in `reader`; `nil` when there was any.
    init?(sheetId: String?, reading body: FieldReader.Object, with reader: inout FieldReader) {
        let reason = reader.string("reason", of: body, .required, length: 1...500)
        guard let sheetId, let reason else { return nil }
        self.init(sheetId: sheetId, reason: reason)
    }
}
