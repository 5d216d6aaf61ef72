import ArgumentParser

/// `baton`: the command-line interface of the Baton process engine.
struct BatonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baton",
        abstract: "Baton, a BPMN 2.0 process engine.",
        subcommands: [ServeCommand.self, ValidateCommand.self, SimulateCommand.self, DBCommand.self, AuditCommand.self])
}
