import BPMN

/// `baton-bench parse`: Baton's whole read path (`BPMNDocumentCheck().check`, i.e. libxml2 SAX → `XMLFragment` →
/// model → validation) against bare libxml2 (`xmlReadMemory` + `xmlFreeDoc`) over the same in-memory documents.
///
/// Both are timed in the same rounds, alternating which goes first, after a warm-up; each figure is the total bytes
/// over the median round time. MB are 10^6 bytes.
enum ParseBench {
    /// The ratio of our throughput to libxml2's that we aim to stay above.
    static let target = 0.5
    /// The fewest measured rounds, however short `--seconds` is.
    static let minimumRounds = 5
    /// The most measured rounds, however long `--seconds` is.
    static let maximumRounds = 100_000

    /// Command-line options.
    struct Options {
        var corpus: String?
        var seconds = 10.0

        static func parse(_ arguments: [String]) -> Result<Options, BenchError> {
            var options = Options()
            var remaining = arguments[...]
            while let argument = remaining.popFirst() {
                var name = argument
                var inlineValue: String?
                if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                    name = String(argument[..<equals])
                    inlineValue = String(argument[argument.index(after: equals)...])
                }
                switch name {
                case "--corpus", "--seconds":
                    guard let value = inlineValue ?? remaining.popFirst() else {
                        return .failure(BenchError("\(name) needs a value"))
                    }
                    if name == "--corpus" {
                        options.corpus = value
                    } else {
                        guard let seconds = Double(value), seconds.isFinite, seconds > 0 else {
                            return .failure(BenchError("--seconds needs a positive number, not '\(value)'"))
                        }
                        options.seconds = seconds
                    }
                default:
                    return .failure(BenchError("unknown option '\(argument)'"))
                }
            }
            return .success(options)
        }
    }

    /// The measured figures.
    struct Report {
        var files: Int
        var bytes: Int
        var rounds: Int
        var ourMedianSeconds: Double
        var baselineMedianSeconds: Double

        var ourMBps: Double { Double(bytes) / 1e6 / ourMedianSeconds }
        var baselineMBps: Double { Double(bytes) / 1e6 / baselineMedianSeconds }

        func rendered() -> String {
            JSONValue.object([
                ("bench", .string("parse")),
                ("figures", .object([
                    ("ourMBps", .double(ourMBps.rounded(places: 3))),
                    ("files", .int(files)),
                    ("bytes", .int(bytes)),
                    ("rounds", .int(rounds)),
                    ("ourMedianSeconds", .double(ourMedianSeconds.rounded(places: 6))),
                ])),
                ("baseline", .object([
                    ("libxml2ReadMemoryMBps", .double(baselineMBps.rounded(places: 3))),
                    ("medianSeconds", .double(baselineMedianSeconds.rounded(places: 6))),
                ])),
                ("ratio", .double((ourMBps / baselineMBps).rounded(places: 4))),
                ("target", .double(target)),
            ]).rendered()
        }
    }

    static func run(_ options: Options, log: (String) -> Void) -> Result<Report, BenchError> {
        guard let directory = options.corpus ?? Corpus.defaultDirectory() else {
            return .failure(BenchError("no corpus found at ../shared/bpmn-corpus; pass --corpus DIR"))
        }
        let corpus: Corpus
        switch Corpus.load(directory: directory) {
        case .success(let loaded): corpus = loaded
        case .failure(let error): return .failure(error)
        }
        let documents = corpus.documents.map(\.bytes)
        log("corpus \(corpus.directory): \(documents.count) documents, \(corpus.totalBytes) bytes")
        for skipped in corpus.skipped { log("  skipped \(skipped.path): \(skipped.reason)") }

        LibXML2Baseline.silenceErrors()
        let check = BPMNDocumentCheck()
        var sink = 0
        func ours() -> Duration {
            ContinuousClock().measure {
                for bytes in documents { sink &+= check.check(bytes).diagnostics.count }
            }
        }
        func baseline() -> Duration {
            ContinuousClock().measure {
                for bytes in documents where LibXML2Baseline.parse(bytes) { sink &+= 1 }
            }
        }

        // Warm-up: fill caches, fault in pages, let the allocator settle.
        for _ in 0..<2 {
            _ = ours()
            _ = baseline()
        }

        var ourTimes: [Double] = []
        var baselineTimes: [Double] = []
        let clock = ContinuousClock()
        let start = clock.now
        var round = 0
        while round < maximumRounds
            && (round < minimumRounds || (clock.now - start).seconds < options.seconds)
        {
            if round.isMultiple(of: 2) {
                ourTimes.append(ours().seconds)
                baselineTimes.append(baseline().seconds)
            } else {
                baselineTimes.append(baseline().seconds)
                ourTimes.append(ours().seconds)
            }
            round += 1
        }
        log("\(round) rounds in \((clock.now - start).seconds.rounded(places: 2)) s (checksum \(sink))")
        return .success(Report(
            files: documents.count,
            bytes: corpus.totalBytes,
            rounds: round,
            ourMedianSeconds: median(ourTimes),
            baselineMedianSeconds: median(baselineTimes)))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
