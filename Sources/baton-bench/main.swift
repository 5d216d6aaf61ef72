import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let outcome =
    switch arguments.first {
    case "persist": await PersistBench.run(Array(arguments.dropFirst()))
    case "jobs": await JobsBench.run(Array(arguments.dropFirst()))
    case "rest": await RestBench.run(Array(arguments.dropFirst()))
    case "audit": await AuditBench.run(Array(arguments.dropFirst()))
    default: BenchCommand.run(arguments)
    }
if !outcome.output.isEmpty { FileHandle.standardOutput.write(Data(outcome.output.utf8)) }
if !outcome.errorOutput.isEmpty { FileHandle.standardError.write(Data(outcome.errorOutput.utf8)) }
exit(outcome.status)
