import ArgumentParser

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
        do {
            let command = try BatonCommand.parseAsRoot(arguments)
            if let validate = command as? ValidateCommand {
                let result = validate.execute()
                return Outcome(status: result.status, output: result.output, errorOutput: "")
            }
            // A parent command with no subcommand chosen: show help.
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
}
