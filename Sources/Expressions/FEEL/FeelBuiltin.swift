/// The built-in FEEL functions Baton knows; calls to anything else are refused when parsing.
enum FeelBuiltin: String, Sendable, CaseIterable {
    case not
    case count, sum, min, max, mean, product, all, any
    case listContains = "list contains"
    case contains
    case startsWith = "starts with"
    case endsWith = "ends with"
    case upperCase = "upper case"
    case lowerCase = "lower case"
    case stringLength = "string length"
    case substring
    case substringBefore = "substring before"
    case substringAfter = "substring after"
    case stringJoin = "string join"
    case string, number
    case abs, floor, ceiling, decimal, modulo, sqrt, odd, even
    case append, concatenate
    case distinctValues = "distinct values"
    case flatten
    case indexOf = "index of"
    case reverse, sort, sublist
    case insertBefore = "insert before"
    case remove
    case now, today
    case dateAndTime = "date and time"
    case date, duration
    case yearsAndMonthsDuration = "years and months duration"
    case getValue = "get value"
    case getEntries = "get entries"
    case contextPut = "context put"
    case contextMerge = "context merge"

    /// How many arguments the function accepts.
    var arity: ClosedRange<Int> {
        switch self {
        case .now, .today: 0...0
        case .not, .count, .upperCase, .lowerCase, .stringLength, .string, .number, .abs, .sqrt, .odd, .even,
            .distinctValues, .flatten, .reverse, .sort, .dateAndTime, .duration, .getEntries, .contextMerge:
            1...1
        case .floor, .ceiling, .stringJoin: 1...2
        case .date: 1...3
        case .sum, .min, .max, .mean, .product, .all, .any, .append: 1...Int.max
        case .concatenate: 0...Int.max
        case .listContains, .contains, .startsWith, .endsWith, .substringBefore, .substringAfter, .decimal, .modulo,
            .indexOf, .remove, .yearsAndMonthsDuration, .getValue:
            2...2
        case .substring, .sublist: 2...3
        case .insertBefore, .contextPut: 3...3
        }
    }

    /// The names of several words, longest first (the parser matches them before single names).
    static let multiWordNames: [[String]] = allCases.map { $0.rawValue.split(separator: " ").map(String.init) }
        .filter { $0.count > 1 }.sorted { $0.count > $1.count } + [["is", "defined"]]
}
