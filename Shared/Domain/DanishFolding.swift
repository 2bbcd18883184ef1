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
        var ascii: [UInt8] = []
        ascii.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            appendLettersAndDigits(of: scalar, to: &ascii)
        }

        // Keep only the first letter of `aa`, `ae` and `oe`, so that a transliterated Danish
        // letter meets its bare-keyboard spelling.
        var key: [UInt8] = []
        key.reserveCapacity(ascii.count)
        var index = ascii.startIndex
        while index < ascii.endIndex {
            key.append(ascii[index])
            let next = index + 1
            index = next < ascii.endIndex && isTransliteration(ascii[index], ascii[next]) ? next + 1 : next
        }
        return String(decoding: key, as: UTF8.self)
    }

    /// Appends `scalar` as lowercase ASCII: `æ ø å` as `ae oe aa`, other letters without their
    /// diacritics (`é` as `e`), and nothing for spaces, punctuation and symbols.
    private static func appendLettersAndDigits(of scalar: Unicode.Scalar, to ascii: inout [UInt8]) {
        switch scalar {
        case "a"..."z", "0"..."9":
            ascii.append(UInt8(scalar.value))
        case "A"..."Z":
            ascii.append(UInt8(scalar.value) + 0x20)
        case "æ", "Æ":
            ascii += [UInt8(ascii: "a"), UInt8(ascii: "e")]
        case "ø", "Ø":
            ascii += [UInt8(ascii: "o"), UInt8(ascii: "e")]
        case "å", "Å":
            ascii += [UInt8(ascii: "a"), UInt8(ascii: "a")]
        case _ where scalar.isASCII || !scalar.properties.isAlphabetic:
            break
        default:
            // Rare in this input, so the slower Foundation folding is fine here.
            let folded = String(scalar).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            ascii += folded.utf8.filter { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
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
