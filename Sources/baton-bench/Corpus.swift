import BPMN
import Foundation

/// The BPMN documents a benchmark runs over, read into memory before any timing starts.
struct Corpus {
    /// One document.
    struct Document {
        /// The path relative to the corpus folder.
        var path: String
        var bytes: [UInt8]
    }

    /// The folder the documents came from.
    var directory: String
    /// The documents, sorted by path.
    var documents: [Document]
    /// Files that were left out, with the reason (not well-formed, not BPMN 2.0, unreadable).
    var skipped: [(path: String, reason: String)]

    /// The total size of all documents.
    var totalBytes: Int { documents.reduce(0) { $0 + $1.bytes.count } }

    /// `../shared/bpmn-corpus` from the current directory, else the same path next to the repository this file is in.
    static func defaultDirectory(filePath: String = #filePath) -> String? {
        sharedDirectory("bpmn-corpus", filePath: filePath)
    }

    /// `../shared/RELATIVE` from the current directory, else the same path next to the repository this file is in.
    static func sharedDirectory(_ relative: String, filePath: String = #filePath) -> String? {
        let fileManager = FileManager.default
        let fromWorkingDirectory = URL(fileURLWithPath: fileManager.currentDirectoryPath)
            .appendingPathComponent("../shared/\(relative)").standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: fromWorkingDirectory, isDirectory: &isDirectory), isDirectory.boolValue {
            return fromWorkingDirectory
        }
        // #filePath is <repo>/Sources/baton-bench/Corpus.swift.
        let repository = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let nextToRepository = repository.appendingPathComponent("../shared/\(relative)").standardizedFileURL.path
        if fileManager.fileExists(atPath: nextToRepository, isDirectory: &isDirectory), isDirectory.boolValue {
            return nextToRepository
        }
        return nil
    }

    /// Whether `relativePath` names a BPMN candidate: `.bpmn`, `.bpmn20.xml` or `.xml`, outside `xsd/`.
    static func isCandidate(_ relativePath: String) -> Bool {
        let components = relativePath.split(separator: "/")
        if components.dropLast().contains("xsd") { return false }
        let lowered = relativePath.lowercased()
        return lowered.hasSuffix(".bpmn") || lowered.hasSuffix(".xml")  // ".bpmn20.xml" ends in ".xml"
    }

    /// Reads every candidate under `directory` and keeps the well-formed BPMN 2.0 documents: those for which
    /// `BPMNDocumentCheck` returns a model (well-formed XML, no refused entity, `definitions` root in the BPMN 2.0
    /// namespace). Validation findings do not exclude a file.
    static func load(directory: String) -> Result<Corpus, BenchError> {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(BenchError("corpus folder \(root.path) does not exist"))
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else {
            return .failure(BenchError("cannot read corpus folder \(root.path)"))
        }
        var paths: [String] = []
        while let next = enumerator.nextObject() as? String {
            if isCandidate(next) { paths.append(next) }
        }
        paths.sort()
        var documents: [Document] = []
        var skipped: [(path: String, reason: String)] = []
        let check = BPMNDocumentCheck()
        for path in paths {
            let url = root.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                skipped.append((path, "cannot be read"))
                continue
            }
            let bytes = [UInt8](data)
            let result = check.check(bytes)
            if result.definitions == nil {
                let reason = result.diagnostics.first.map { "\($0.rule.rawValue): \($0.description)" } ?? "no model"
                skipped.append((path, reason.split(whereSeparator: \.isNewline).joined(separator: " ")))
                continue
            }
            documents.append(Document(path: path, bytes: bytes))
        }
        if documents.isEmpty {
            return .failure(BenchError("no well-formed BPMN document under \(root.path)"))
        }
        return .success(Corpus(directory: root.path, documents: documents, skipped: skipped))
    }
}
