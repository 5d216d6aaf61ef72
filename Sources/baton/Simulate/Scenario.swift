import BPMN
import Expressions
import Foundation

/// A `baton simulate` scenario file: start variables, steps, and what to expect.
struct Scenario {
    /// One step.
    enum Step {
        case complete(ElementID, variables: [String: Value])
        case error(ElementID, code: String, message: String?, variables: [String: Value])
        case message(String, correlationKey: String?, variables: [String: Value])
        case signal(String, variables: [String: Value])
        case advanceTime(ISODuration)
    }

    /// What must hold at the end.
    struct Expectation {
        var state: String?
        var passed: [ElementID]?
        var notPassed: [ElementID]?
        var waitingAt: [ElementID]?
        var variables: [String: Value]?
    }

    var process: ElementID?
    var startEvent: ElementID?
    var businessKey: String?
    var clock: DateTime
    var variables: [String: Value]
    var steps: [Step]
    var expect: Expectation?
    /// Test harnesses only: the exit status this file is meant to produce (1 for designed failures).
    var expectedExitStatus: Int32

    /// 2026-01-01T00:00:00Z, where the simulated clock starts unless the scenario gives `clock`.
    static let defaultClock = DateTime(epochMilliseconds: 1_767_225_600_000, offsetSeconds: 0)

    /// Reads a scenario; the error says what is wrong and where.
    static func read(_ data: Data) throws(ScenarioError) -> Scenario {
        guard let text = String(data: data, encoding: .utf8), let document = Value(jsonText: text) else {
            throw ScenarioError("the scenario is not valid JSON (UTF-8 text, RFC 8259)")
        }
        guard case .map(let root) = document else { throw ScenarioError("the scenario must be a JSON object") }
        var scenario = Scenario(
            process: try string(root, "process").map { ElementID($0) },
            startEvent: try string(root, "start").map { ElementID($0) }, businessKey: try string(root, "businessKey"),
            clock: defaultClock, variables: try variables(root["variables"], at: "variables"), steps: [], expect: nil,
            expectedExitStatus: 0)
        if let clock = try string(root, "clock") {
            guard let parsed = DateTime.parse(clock) else {
                throw ScenarioError("\"clock\" is '\(clock)', not an ISO 8601 date-time")
            }
            scenario.clock = parsed
        }
        if case .integer(let status)? = root["expectedExitStatus"] { scenario.expectedExitStatus = Int32(status) }
        switch root["steps"] {
        case nil, .null?:
            break
        case .list(let list)?:
            for (index, item) in list.enumerated() { scenario.steps.append(try step(item, index: index)) }
        default:
            throw ScenarioError("\"steps\" must be a list")
        }
        if let expect = root["expect"] {
            guard case .map(let map) = expect else { throw ScenarioError("\"expect\" must be an object") }
            scenario.expect = try expectation(map)
        }
        return scenario
    }

    private static func step(_ item: Value, index: Int) throws(ScenarioError) -> Step {
        let at = "steps[\(index)]"
        guard case .map(let map) = item else { throw ScenarioError("\(at) must be an object") }
        let variables = try variables(map["variables"], at: "\(at).variables")
        if let id = try string(map, "complete", at: at) { return .complete(ElementID(id), variables: variables) }
        if let id = try string(map, "error", at: at) {
            guard let code = try string(map, "code", at: at) else {
                throw ScenarioError("\(at) throws an error from '\(id)' but has no \"code\"")
            }
            return .error(ElementID(id), code: code, message: try string(map, "errorMessage", at: at), variables: variables)
        }
        if let name = try string(map, "message", at: at) {
            return .message(name, correlationKey: try string(map, "correlationKey", at: at), variables: variables)
        }
        if let name = try string(map, "signal", at: at) { return .signal(name, variables: variables) }
        if let text = try string(map, "advanceTime", at: at) {
            guard let duration = ISODuration.parse(text) else {
                throw ScenarioError("\(at).advanceTime is '\(text)', not an ISO 8601 duration such as PT1H")
            }
            return .advanceTime(duration)
        }
        throw ScenarioError(
            "\(at) has none of \"complete\", \"error\", \"message\", \"signal\", \"advanceTime\" (keys: "
                + map.keys.sorted().joined(separator: ", ") + ")")
    }

    private static func expectation(_ map: [String: Value]) throws(ScenarioError) -> Expectation {
        Expectation(
            state: try string(map, "state", at: "expect"), passed: try ids(map, "passed"),
            notPassed: try ids(map, "notPassed"), waitingAt: try ids(map, "waitingAt"),
            variables: map["variables"] == nil ? nil : try variables(map["variables"], at: "expect.variables"))
    }

    private static func ids(_ map: [String: Value], _ key: String) throws(ScenarioError) -> [ElementID]? {
        guard let value = map[key] else { return nil }
        guard case .list(let list) = value else {
            throw ScenarioError("expect.\(key) must be a list of element ids")
        }
        var result: [ElementID] = []
        for item in list {
            guard case .string(let id) = item else { throw ScenarioError("expect.\(key) must be a list of element ids") }
            result.append(ElementID(id))
        }
        return result
    }

    private static func string(_ map: [String: Value], _ key: String, at: String = "") throws(ScenarioError) -> String? {
        switch map[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw ScenarioError("\(at.isEmpty ? "" : at + ".")\(key) must be a string")
        }
    }

    private static func variables(_ value: Value?, at: String) throws(ScenarioError) -> [String: Value] {
        switch value {
        case nil, .null?: return [:]
        case .map(let values)?: return values
        default: throw ScenarioError("\(at) must be a JSON object")
        }
    }
}

/// A scenario file that cannot be used (exit status 2).
struct ScenarioError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
