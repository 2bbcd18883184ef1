extension CPR: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The birth date part and a masked serial number, `DDMMYY-****`: safe to show in a log.
    public var masked: String { "\(digits.prefix(6))-****" }

    /// The ``masked`` form, so that string interpolation never prints the full number.
    public var description: String { masked }

    /// The ``masked`` form, as for ``description``.
    public var debugDescription: String { masked }

    /// Only the ``masked`` form, so that `dump` and debuggers do not show ``digits``.
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked], displayStyle: .struct) }
}
