import Expressions

/// How a cron expression picks days of the month (the day-of-month field).
enum CronDayOfMonthRule: Sendable, Hashable {
    /// Quartz `?`: the day-of-week field decides alone.
    case unspecified
    /// The days in the bitset (bit 1 = day 1 … bit 31 = day 31); `*` sets all.
    case days(UInt64)
    /// `L` / `L-n`: the last day of the month, or `n` days before it.
    case lastDay(offset: Int)
    /// `nW`: the weekday (Monday–Friday) nearest to day `n`, without leaving the month.
    case nearestWeekday(Int)
    /// `LW`: the last weekday (Monday–Friday) of the month.
    case lastWeekday

    /// Whether this is `*` (every day) or `?`, i.e. places no constraint in the Spring dialect.
    var isUnconstrained: Bool {
        switch self {
        case .unspecified: return true
        case .days(let bits): return bits == CronDayOfMonthRule.allDays
        default: return false
        }
    }

    static let allDays: UInt64 = ((1 << 32) - 1) & ~1

    /// The matching days of a month with `length` days whose first day is `firstWeekday` (0 = Sunday).
    func mask(length: Int, firstWeekday: Int) -> UInt64 {
        let valid: UInt64 = ((1 << UInt64(length + 1)) - 1) & ~1
        func weekday(_ day: Int) -> Int { (firstWeekday + day - 1) % 7 }
        switch self {
        case .unspecified:
            return valid
        case .days(let bits):
            return bits & valid
        case .lastDay(let offset):
            let day = length - offset
            return day >= 1 ? 1 << UInt64(day) : 0
        case .nearestWeekday(let target):
            guard target <= length else { return 0 }
            var day = target
            switch weekday(target) {
            case 6: day = target == 1 ? 3 : target - 1
            case 0: day = target == length ? target - 2 : target + 1
            default: break
            }
            return 1 << UInt64(day)
        case .lastWeekday:
            switch weekday(length) {
            case 6: return 1 << UInt64(length - 1)
            case 0: return 1 << UInt64(length - 2)
            default: return 1 << UInt64(length)
            }
        }
    }
}

/// How a cron expression picks days of the week (the day-of-week field); weekdays are 0 = Sunday … 6 = Saturday.
enum CronDayOfWeekRule: Sendable, Hashable {
    /// Quartz `?`: the day-of-month field decides alone.
    case unspecified
    /// The weekdays in the bitset (bit 0 = Sunday … bit 6 = Saturday); `*` sets all.
    case weekdays(UInt8)
    /// `nL`: the last such weekday of the month.
    case last(weekday: Int)
    /// `n#k`: the k-th such weekday of the month (k = 1…5).
    case nth(weekday: Int, ordinal: Int)

    /// Whether this is `*` or `?`, i.e. places no constraint in the Spring dialect.
    var isUnconstrained: Bool {
        switch self {
        case .unspecified: return true
        case .weekdays(let bits): return bits == 0x7F
        default: return false
        }
    }

    /// The matching days of a month with `length` days whose first day is `firstWeekday` (0 = Sunday).
    func mask(length: Int, firstWeekday: Int) -> UInt64 {
        switch self {
        case .unspecified:
            return ((1 << UInt64(length + 1)) - 1) & ~1
        case .weekdays(let bits):
            var mask: UInt64 = 0
            for day in 1...length where bits & (1 << UInt8((firstWeekday + day - 1) % 7)) != 0 {
                mask |= 1 << UInt64(day)
            }
            return mask
        case .last(let target):
            let lastWeekday = (firstWeekday + length - 1) % 7
            return 1 << UInt64(length - (lastWeekday - target + 7) % 7)
        case .nth(let target, let ordinal):
            let day = 1 + (target - firstWeekday + 7) % 7 + 7 * (ordinal - 1)
            return day <= length ? 1 << UInt64(day) : 0
        }
    }
}
