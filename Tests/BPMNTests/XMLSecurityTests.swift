import BPMN
import Testing

/// The XML reader refuses entity tricks, never touches the network or the file system, and enforces its limits.
@Suite struct XMLSecurityTests {
    private func refusal(_ xml: String, limits: XMLLimits = .default) -> Diagnostic? {
        do {
            _ = try BPMNParser(limits: limits).parse(xml)
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    private static let definitionsOpen =
        #"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">"#

    @Test func billionLaughsIsRefusedAtTheFirstDeclaration() throws {
        var doctype = "<!DOCTYPE definitions [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            doctype += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        doctype += "]>\n"
        let xml = doctype + Self.definitionsOpen + "<process id=\"p\" name=\"&lol9;\"/></definitions>"
        let diagnostic = try #require(refusal(xml))
        #expect(diagnostic.rule == .entityDeclaration)
        #expect(diagnostic.message.contains("'lol'"))
        #expect(diagnostic.location.line == 2)
    }

    @Test func quadraticBlowupIsRefused() throws {
        let big = String(repeating: "x", count: 100_000)
        let xml = "<!DOCTYPE definitions [<!ENTITY a \"\(big)\">]>\n" + Self.definitionsOpen
            + "<process id=\"p\" name=\"" + String(repeating: "&a;", count: 10_000) + "\"/></definitions>"
        #expect(refusal(xml)?.rule == .entityDeclaration)
    }

    @Test func externalEntityIsRefusedWithoutLoading() throws {
        let before = BPMNTestHooks.refusedExternalLoads
        let xml = "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" + Self.definitionsOpen
            + "<documentation>&xxe;</documentation></definitions>"
        #expect(refusal(xml)?.rule == .entityDeclaration)
        #expect(BPMNTestHooks.refusedExternalLoads == before)
    }

    @Test func parameterEntityIsRefusedWithoutLoading() throws {
        let before = BPMNTestHooks.refusedExternalLoads
        let xml = "<!DOCTYPE definitions [<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %remote;]>\n"
            + Self.definitionsOpen + "</definitions>"
        #expect(refusal(xml)?.rule == .entityDeclaration)
        #expect(BPMNTestHooks.refusedExternalLoads == before)
    }

    @Test func externalDTDIsNeverLoaded() throws {
        let before = BPMNTestHooks.refusedExternalLoads
        let xml = "<!DOCTYPE definitions SYSTEM \"file:///etc/passwd\">\n" + Self.definitionsOpen + "</definitions>"
        let parsed = try BPMNParser().parse(xml)
        #expect(parsed.definitions.targetNamespace == "t")
        #expect(BPMNTestHooks.refusedExternalLoads == before)
    }

    @Test func undeclaredEntityIsAnError() throws {
        let xml = Self.definitionsOpen + "<documentation>&nope;</documentation></definitions>"
        let diagnostic = try #require(refusal(xml))
        #expect(diagnostic.rule == .notWellFormed)
        #expect(diagnostic.message.contains("nope"))
    }

    @Test func predefinedAndCharacterReferencesAreDecoded() throws {
        let xml = Self.definitionsOpen + "<process id=\"p\" name=\"a &lt; b &amp;&#233;\"/></definitions>"
        #expect(try BPMNParser().parse(xml).definitions.processes.first?.name == "a < b &é")
    }

    @Test func documentSizeLimit() throws {
        let xml = Self.definitionsOpen + String(repeating: " ", count: 2_000) + "</definitions>"
        let diagnostic = try #require(refusal(xml, limits: XMLLimits(maxDocumentBytes: 1_000)))
        #expect(diagnostic.rule == .limitExceeded)
        #expect(diagnostic.message.contains("limit is 1000 bytes"))
    }

    @Test func nestingDepthLimit() throws {
        let xml = Self.definitionsOpen + String(repeating: "<a>", count: 50) + String(repeating: "</a>", count: 50)
            + "</definitions>"
        let diagnostic = try #require(refusal(xml, limits: XMLLimits(maxDepth: 20)))
        #expect(diagnostic.rule == .limitExceeded)
        #expect(diagnostic.message.contains("deeper than 20"))
        #expect(diagnostic.location == SourceLocation(line: 1, column: Self.definitionsOpen.count + 1 + 3 * 19))
    }

    @Test func defaultDepthLimitStopsDeepDocumentsQuickly() throws {
        let xml = Self.definitionsOpen + String(repeating: "<a>", count: 100_000)
        #expect(refusal(xml)?.rule == .limitExceeded)
    }

    @Test func elementCountLimit() throws {
        let xml = Self.definitionsOpen + String(repeating: "<a/>", count: 200) + "</definitions>"
        let diagnostic = try #require(refusal(xml, limits: XMLLimits(maxElements: 100)))
        #expect(diagnostic.rule == .limitExceeded)
        #expect(diagnostic.message.contains("more than 100 elements"))
    }

    @Test func malformedXMLIsNeverRecovered() throws {
        let diagnostic = try #require(refusal(Self.definitionsOpen + "\n<process id=\"p\">\n</definitions>"))
        #expect(diagnostic.rule == .notWellFormed)
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.message.hasPrefix("XML is not well-formed: "))
    }

    @Test func emptyAndGarbageInputAreErrors() throws {
        #expect(refusal("")?.rule == .notWellFormed)
        #expect(refusal("   ")?.rule == .notWellFormed)
        #expect(refusal("\u{0}\u{1}garbage")?.rule == .notWellFormed)
        #expect(refusal("<definitions")?.rule == .notWellFormed)
    }

    @Test func invalidUTF8IsAnErrorWithPosition() throws {
        var bytes = Array((Self.definitionsOpen + "\n<process id=\"p\" name=\"").utf8)
        bytes += [0xE4, 0x72, 0x65]
        bytes += Array("\"/></definitions>".utf8)
        let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(bytes) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.message.contains("UTF-8"))
        #expect(diagnostic.location.line == 2)
        #expect(!diagnostic.message.contains("\n"))
    }
}

/// Declarations and errors that must not change or blur what a document says.
@Suite struct XMLDeclarationTests {
    private static let open =
        #"<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">"#

    @Test func attributeListDeclarationsAreRefused() throws {
        let xml = "<!DOCTYPE definitions [\n<!ATTLIST process isExecutable CDATA \"true\">\n]>\n" + Self.open
            + "<process id=\"p\"/></definitions>"
        let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(xml) }
        let diagnostic = try #require(error?.diagnostics.first)
        #expect(diagnostic.rule == .attributeDeclaration)
        #expect(diagnostic.message.contains("'isExecutable' of <process>"))
        #expect(diagnostic.location.line == 2)
    }

    @Test func elementDeclarationsAloneAreHarmless() throws {
        let xml = "<!DOCTYPE definitions [<!ELEMENT definitions ANY>]>\n" + Self.open + "</definitions>"
        #expect(try BPMNParser().parse(xml).definitions.id == "d")
    }

    @Test func encodingMismatchIsOneClearError() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>\n".utf8)
        bytes += Array((Self.open + "<process id=\"p\" name=\"").utf8) + [0xFF, 0xFF, 0x81]
        bytes += Array("\"/></definitions>".utf8)
        let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(bytes) }
        let diagnostics = try #require(error?.diagnostics)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("do not match the document's declared encoding") == true)
    }

    @Test func errorsAfterTheFirstFatalOneAreNotReported() throws {
        let xml = Self.open.replacingOccurrences(of: "id=\"d\"", with: "id=\"d\" id=\"e\" id=\"f\"") + "</definitions>"
        let error = #expect(throws: BPMNParseError.self) { try BPMNParser().parse(xml) }
        #expect(error?.diagnostics.count == 1)
        #expect(error?.diagnostics.first?.message.contains("Attribute id redefined") == true)
    }

    @Test func escapedReferencesAreDecodedExactlyOnce() throws {
        let xml = Self.open + "<process id=\"p\" name=\"&amp;lt; &amp;#65; &#38;amp;\"><documentation>&amp;lt;"
            + "</documentation></process></definitions>"
        let process = try #require(try BPMNParser().parse(xml).definitions.processes.first)
        #expect(process.name == "&lt; &#65; &amp;")
        #expect(process.documentation.first?.text == "&lt;")
    }

    @Test func limitAboveWhatLibxml2AcceptsIsClamped() throws {
        let parser = BPMNParser(limits: XMLLimits(maxDocumentBytes: Int.max))
        #expect(try parser.parse(Self.open + "</definitions>").definitions.id == "d")
    }
}
