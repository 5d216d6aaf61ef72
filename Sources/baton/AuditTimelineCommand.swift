import ArgumentParser
import EngineRuntime
import EngineServer
import Expressions
import Foundation

/// `baton audit timeline ID`: prints a process instance's audit timeline — as a terminal table (`text`, the
/// default) or in the export formats of `GET …/timeline` (json, ndjson, csv).
struct AuditTimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Print the audit timeline of a process instance: who did what, when, what changed and why.",
        discussion: """
            The text format prints one event per line (sequence, time, actor, element, event type, changes and \
            reason), cut to 120 columns; json, ndjson and csv print the full entries as the REST route does. \
            Exit status: 0 on success, 1 when the instance has no history or the database could not be reached, \
            2 for usage errors. See docs/audit.md.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, ndjson, csv
    }

    @Argument(help: "The process instance id.")
    var instance: String

    @Option(help: "Output format: text (a table), json, ndjson or csv.")
    var format: Format = .text

    @Option(name: .customLong("type"), help: "Only events of this type (repeatable, or comma-separated).")
    var types: [String] = []

    @Option(help: "Only events caused by this user.")
    var actor: String?

    @Option(help: "Only events concerning this element id.")
    var element: String?

    @Option(help: "Only events at or after this time (e.g. 2026-11-30T08:00:00.000+0000).")
    var after: String?

    @Option(help: "Only events at or before this time.")
    var before: String?

    @Option(help: "Skip this many matching events.")
    var firstResult: Int?

    @Option(help: "Print at most this many events.")
    var maxResults: Int?

    @OptionGroup var options: DBOptions

    func validate() throws {
        _ = try query()
    }

    /// The timeline query the options describe; a bad value is a usage error naming the option.
    func query() throws -> TimelineQuery {
        func date(_ text: String?, _ option: String) throws -> DateTime? {
            guard let text else { return nil }
            guard let date = CamundaDate.parse(text) else {
                throw ValidationError("--\(option) '\(text)' is not a date like 2026-11-30T08:00:00.000+0000")
            }
            return date
        }
        var query = TimelineQuery(
            occurredAfter: try date(after, "after"), occurredBefore: try date(before, "before"), actor: actor,
            elementID: element, firstResult: firstResult, maxResults: maxResults)
        if !types.isEmpty {
            let names = types.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard !names.contains(where: \.isEmpty) else { throw ValidationError("--type must not be empty") }
            query.types = names
        }
        if actor?.isEmpty == true { throw ValidationError("--actor must not be empty") }
        if element?.isEmpty == true { throw ValidationError("--element must not be empty") }
        if let firstResult, firstResult < 0 { throw ValidationError("--first-result must be 0 or more") }
        if let maxResults, maxResults < 0 { throw ValidationError("--max-results must be 0 or more") }
        return query
    }

    /// Connects, reads the timeline and renders it.
    func execute(environment: [String: String]) async -> CommandLineRunner.Outcome {
        let query: TimelineQuery
        do {
            query = try self.query()
        } catch {
            return CommandLineRunner.Outcome(status: 2, output: "", errorOutput: "error: \(error)\n")
        }
        return await DBSession.run(options, environment: environment, header: false) { migrator in
            let engine = Engine(pool: migrator.pool)
            let entries: [TimelineEntry]
            do {
                entries = try await engine.history.timeline(processInstanceId: instance, query: query)
            } catch HistoryError.notFound {
                return CommandLineRunner.Outcome(
                    status: 1, output: "", errorOutput: "error: instance \(instance) has no history\n")
            }
            let output: String
            switch format {
            case .text: output = TimelineTable.render(entries)
            case .json: output = String(decoding: TimelineExport.render(entries, as: .json), as: UTF8.self) + "\n"
            case .ndjson: output = TimelineExport.ndjson(entries)
            case .csv: output = TimelineExport.csv(entries)
            }
            let summary = "\(entries.count) event\(entries.count == 1 ? "" : "s") of instance \(instance)\n"
            return CommandLineRunner.Outcome(status: 0, output: output, errorOutput: summary)
        }
    }
}
