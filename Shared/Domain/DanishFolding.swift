import Foundation

/// Folds Danish text to a key for forgiving comparison of names and labels.
///
/// Two spellings of one name fold to the same key whether they are written with `æ ø å`,
/// with the transliterations `ae oe aa`, or with the bare `a o a` of a keyboard without
/// Danish letters; case, other diacritics, spaces and punctuation are ignored too. So
/// `"Høje-Taastrup"`, `"hoeje taastrup"` and `"Hoje Tastrup"` all fold to `"hojetastrup"`,
/// and `"Århus"` and `"Aarhus"` to `"arhus"`.
///
/// The key is lossy by design: it is for matching input against a fixed table
/// (``Municipalities``, ``JobCategory``, ``JobTask``, ``JobType``), never for display. The
/// tests check that no two entries of those tables share a key.
enum DanishFolding {
    /// The matching key of `text`: lowercase ASCII letters and digits only.
    static func key(_ text: String) -> String {
        var key = Key(capacity: text.utf8.count)
        for scalar in text.unicodeScalars {
            appendLettersAndDigits(of: scalar, to: &key)
        }
        return String(decoding: key.bytes, as: UTF8.self)
    }

    /// A key being written, which keeps only the first letter of `aa`, `ae` and `oe`, so that a
    /// transliterated Danish letter meets its bare-keyboard spelling.
    private struct Key {
        private(set) var bytes: [UInt8] = []
        /// Whether the last letter appended may start a transliteration: `aaa` keeps `aa`.
        private var lastMayPair = false

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
        }

        mutating func append(_ byte: UInt8) {
            if lastMayPair, let last = bytes.last, isTransliteration(last, byte) {
                lastMayPair = false
            } else {
                bytes.append(byte)
                lastMayPair = true
            }
        }
    }

    /// Appends `scalar` as lowercase ASCII: `æ ø å` as `ae oe aa`, other letters without their
    /// diacritics (`é` as `e`), and nothing for spaces, punctuation and symbols.
    private static func appendLettersAndDigits(of scalar: Unicode.Scalar, to key: inout Key) {
        switch scalar {
        case "a"..."z", "0"..."9":
            key.append(UInt8(scalar.value))
        case "A"..."Z":
            key.append(UInt8(scalar.value) + 0x20)
        case "æ", "Æ":
            key.append(UInt8(ascii: "a"))
            key.append(UInt8(ascii: "e"))
        case "ø", "Ø":
            key.append(UInt8(ascii: "o"))
            key.append(UInt8(ascii: "e"))
        case "å", "Å":
            key.append(UInt8(ascii: "a"))
            key.append(UInt8(ascii: "a"))
        case _ where scalar.isASCII || !scalar.properties.isAlphabetic:
            break
        default:
            // Rare in this input, so the slower Foundation folding is fine here.
            let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            for byte in folded.utf8 where (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) {
                key.append(byte)
            }
        }
    }

    private static func isTransliteration(_ first: UInt8, _ second: UInt8) -> Bool {
        switch (first, second) {
        case (UInt8(ascii: "a"), UInt8(ascii: "a")),
             (UInt8(ascii: "a"), UInt8(ascii: "e")),
             (UInt8(ascii: "o"), UInt8(ascii: "e")):
            true
        default:
            false
        }
    }
}
