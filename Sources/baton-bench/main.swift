import Foundation

let outcome = BenchCommand.run(Array(CommandLine.arguments.dropFirst()))
if !outcome.output.isEmpty { FileHandle.standardOutput.write(Data(outcome.output.utf8)) }
if !outcome.errorOutput.isEmpty { FileHandle.standardError.write(Data(outcome.errorOutput.utf8)) }
exit(outcome.status)
