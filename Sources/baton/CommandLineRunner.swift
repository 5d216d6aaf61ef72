import ArgumentParser
import Foundation

/// Runs `baton` with arguments and collects what it prints and its exit status, so tests can run whole commands.
///
/// Exit statuses: 0 success, 1 the command found problems (e.g. a model with errors), 2 usage error.
enum CommandLineRunner {
    /// What one run printed and how it ended.
    struct Outcome: Sendable, Equatable {
        var status: Int32
        var output: String
        var errorOutput: String
    }

    static func execute(_ arguments: [String]) -> Outcome {
        if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" {
            return Outcome(status: 0, output: helpText(for: arguments) + "\n", errorOutput: "")
        }
        do {
            let command = try BatonCommand.parseAsRoot(arguments)
            if let validate = command as? ValidateCommand {
                let result = validate.execute()
                return Outcome(status: result.status, output: result.output, errorOutput: "")
            }
            if let simulate = command as? SimulateCommand {
                let result = simulate.execute()
                return Outcome(status: result.status, output: result.output, errorOutput: result.errorOutput)
            }
            if let serve = command as? ServeCommand {
                let environment = ProcessInfo.processInfo.environment
                return blocking { await ServeSession.run(serve, environment: environment) }
            }
            if command is DBMigrateCommand || command is DBStatusCommand || command is AuditVerifyCommand
                || command is AuditTimelineCommand
            {
                return blocking { await executeAsync(arguments) }
            }
            // No (leaf) subcommand chosen: a usage error.
            if command is AuditCommand {
                return Outcome(
                    status: 2, output: "", errorOutput: BatonCommand.helpMessage(for: AuditCommand.self) + "\n")
            }
            if command is DBCommand {
                return Outcome(status: 2, output: "", errorOutput: BatonCommand.helpMessage(for: DBCommand.self) + "\n")
            }
            return Outcome(status: 2, output: "", errorOutput: BatonCommand.helpMessage() + "\n")
        } catch {
            let message = BatonCommand.fullMessage(for: error)
            let code = BatonCommand.exitCode(for: error)
            if code == .success {
                return Outcome(status: 0, output: message + "\n", errorOutput: "")
            }
            return Outcome(status: 2, output: "", errorOutput: message + "\n")
        }
    }

    /// Like `execute`, for commands that talk to the database (`db migrate`, `db status`); tests call this one.
    static func executeAsync(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Outcome {
        let command: ParsableCommand
        do {
            command = try BatonCommand.parseAsRoot(arguments)
        } catch {
            return execute(arguments)
        }
        if let migrate = command as? DBMigrateCommand { return await migrate.execute(environment: environment) }
        if let status = command as? DBStatusCommand { return await status.execute(environment: environment) }
        if let verify = command as? AuditVerifyCommand { return await verify.execute(environment: environment) }
        if let timeline = command as? AuditTimelineCommand { return await timeline.execute(environment: environment) }
        return execute(arguments)
    }

    /// Runs async work from the synchronous command line (the main thread waits; the work runs on the pool).
    private static func blocking(_ work: @escaping @Sendable () async -> Outcome) -> Outcome {
        final class Box: @unchecked Sendable {
            var outcome = Outcome(status: 1, output: "", errorOutput: "")
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.outcome = await work()
            done.signal()
        }
        done.wait()
        return box.outcome
    }

    /// Help for the (nested) subcommand the arguments name, or for `baton` itself.
    private static func helpText(for arguments: [String]) -> String {
        var chosen: ParsableCommand.Type?
        var candidates = BatonCommand.configuration.subcommands
        for argument in arguments {
            guard let named = candidates.first(where: { $0._commandName == argument }) else { continue }
            chosen = named
            candidates = named.configuration.subcommands
        }
        guard let chosen else { return BatonCommand.helpMessage() }
        return BatonCommand.helpMessage(for: chosen)
    }
}
