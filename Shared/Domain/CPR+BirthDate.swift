extension CPR {
    /// A calendar date without time or time zone: the birth date in a ``CPR`` number.
    ///
    /// Deliberately minimal, to be replaced by the shared civil-date type once there is one;
    /// code that reads only ``year``, ``month`` and ``day`` will not notice.
    public struct BirthDate: Sendable, Hashable {
        /// The full year, e.g. `1987`.
        public let year: Int
        /// The month, 1–12.
        public let month: Int
        /// The day of the month, from 1.
        public let day: Int

        /// The date, or `nil` when there is no such day in the Gregorian calendar.
        init?(year: Int, month: Int, day: Int) {
            guard (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day) else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        private static func days(inMonth month: Int, of year: Int) -> Int {
            switch month {
            case 2: isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        private static func isLeap(_ year: Int) -> Bool {
            year.isMultiple(of: 4) && (!year.isMultiple(of: 100) || year.isMultiple(of: 400))
        }
    }
}
