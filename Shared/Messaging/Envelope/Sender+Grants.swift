import BodyReading
import PostgresClient

extension Sender {
    /// ``refusal(of:about:field:)``, except that a jobcenter may also speak about the neighbouring
    /// municipalities the administrator granted it (`spotjob jobcenters grant`), as stored in the
    /// service's schema. Reads the database only for a jobcenter speaking about another municipality.
    public static func refusal(
        of sender: Sender?, about municipality: String?, field: String, on connection: PostgresConnection
    ) throws -> FieldError? {
        guard let refusal = refusal(of: sender, about: municipality, field: field) else { return nil }
        if refusal.code == .notYourMunicipality, let kode = sender?.kommunekode, let municipality,
           try JobcenterGrantStore.isGranted(municipality, to: kode, on: connection) {
            return nil
        }
        return refusal
    }
}
