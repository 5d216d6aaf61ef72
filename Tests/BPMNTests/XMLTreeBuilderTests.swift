import Testing

@testable import BPMN

/// The SAX tree builder: element locations, own text, attributes and names, as the reader relies on them.
@Suite struct XMLTreeBuilderTests {
    private func parse(_ text: String) throws -> XMLFragment {
        try XMLDocumentParser().parse(Array(text.utf8))
    }

    @Test func locationsPointAtTheStartTag() throws {
        let root = try parse("""
            <a xmlns="urn:x">
              <b id="1" name="ä ü"/><c
                 id="2"
                 other="x"/>
            \t<d>é<e/></d>
            </a>
            """)
        #expect(root.location == SourceLocation(line: 1, column: 1))
        #expect(root.children.map(\.location) == [
            SourceLocation(line: 2, column: 3), SourceLocation(line: 2, column: 25), SourceLocation(line: 5, column: 2),
        ])
        #expect(root.children[2].children.first?.location == SourceLocation(line: 5, column: 6))
    }

    @Test func longTagsOnOneLineCountCharactersNotBytes() throws {
        let value = String(repeating: "ö", count: 40)
        let root = try parse("<a><b x=\"\(value)\"/>  <c y=\"\(value)\" z=\"\(value)\"/></a>")
        #expect(root.children.map(\.location.column) == [4, 55])
    }

    @Test func textIsTheElementsOwnAndKeptWhenNotBlank() throws {
        let root = try parse("<a>\n  x<b> inner </b>y\n  <c>\n</c><![CDATA[ z ]]>&amp;</a>")
        #expect(root.text == "\n  xy\n   z &")
        #expect(root.children[0].text == " inner ")
        #expect(root.children[1].text.isEmpty)
        #expect(root.trimmedText == "xy\n   z &")
    }

    @Test func namesAttributesAndNamespaces() throws {
        let root = try parse("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:c="urn:c" id="d">\
            <bpmn:process c:x="1" id="p" isExecutable="true"/><c:thing c:x="&lt;2&gt;"/></bpmn:definitions>
            """)
        #expect(root.name == XMLName(namespaceURI: Namespaces.bpmn, localName: "definitions"))
        #expect(root.name.prefix == "bpmn")
        #expect(root.namespaceDeclarations == [
            XMLNamespaceDeclaration(prefix: "bpmn", uri: Namespaces.bpmn),
            XMLNamespaceDeclaration(prefix: "c", uri: "urn:c"),
        ])
        let process = root.children[0]
        #expect(process.attribute("id") == "p")
        #expect(process.attribute("x") == nil)
        #expect(process.attribute("x", in: ["urn:c"]) == "1")
        #expect(process.attributes.map(\.name.localName) == ["x", "id", "isExecutable"])
        #expect(root.children[1].attribute("x", in: ["urn:c"]) == "<2>")
        #expect(root.children[1].name.prefix == "c")
    }

    @Test func trimmingKeepsWholeCharacters() {
        #expect(" \r\n\t x y \r\n".trimmingWhitespace() == "x y")
        #expect("   ".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("xy".trimmingWhitespace() == "xy")
        #expect("  é  ".trimmingWhitespace() == "é")
        // A combining mark joins the space before it into one character, which is not whitespace.
        #expect(" \u{301}x ".trimmingWhitespace() == " \u{301}x")
        // A prepended concatenation mark joins the space after it.
        #expect(" x\u{600} ".trimmingWhitespace() == "x\u{600} ")
    }
}
