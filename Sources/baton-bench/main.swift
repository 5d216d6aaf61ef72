import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let outcome =
    arguments.first == "persist" ? await PersistBench.run(Array(arguments.dropFirst())) : BenchCommand.run(arguments)
if !outcome.output.isEmpty { FileHandle.standardOutput.write(Data(outcome.output.utf8)) }
if !outcome.errorOutput.isEmpty { FileHandle.standardError.write(Data(outcome.errorOutput.utf8)) }
exit(outcome.status)
