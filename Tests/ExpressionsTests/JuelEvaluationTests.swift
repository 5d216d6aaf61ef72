import Expressions
import Testing

@Suite struct JuelEvaluationTests {
    static let cases: [(String, Value)] = [
        // literals
        ("${1}", 1), ("${-7}", -7), ("${2.5}", 2.5), ("${1e3}", 1000.0), ("${'it'}", "it"),
        ("${'a\\'b'}", "a'b"), ("${\"dq\\\"x\"}", "dq\"x"), ("${'back\\\\slash'}", "back\\slash"),
        ("${true}", true), ("${false}", false), ("${null}", nil), ("${'}'}", "}"),
        // identifiers and paths
        ("${amount}", 1500), ("${approved}", true), ("${nothing}", nil), ("${customer.name}", "Ada"),
        ("${customer.address.city}", "Paris"), ("${customer['age']}", 36), ("${customer[key]}", "Ada"),
        ("${customer.missing}", nil), ("${nothing.anything}", nil), ("${items[0]}", 1), ("${items[2]}", 3),
        ("${items[3]}", nil), ("${items['1']}", 2), ("${orders[1].total}", 150), ("${matrix[1][0]}", 3),
        ("${customer.tags[1]}", "eu"), ("${items[position]}", 2),
        // arithmetic
        ("${1 + 2}", 3), ("${7 - 10}", -3), ("${6 * 7}", 42), ("${7 / 2}", 3.5), ("${8 div 2}", 4.0),
        ("${7 % 3}", 1), ("${7 mod 3}", 1), ("${-7 % 3}", -1), ("${7.5 % 2}", 1.5), ("${1 + 2 * 3}", 7),
        ("${(1 + 2) * 3}", 9), ("${10 - 4 - 3}", 3), ("${2 * price}", 5.0), ("${amount + 0.5}", 1500.5),
        ("${numstr + 1}", 43), ("${decstr + 1}", 2.5), ("${nothing + 1}", 1), ("${blank + 2}", 2),
        ("${big + 1}", .decimal(Double(Int.max) + 1)), ("${-amount}", -1500), ("${- -3}", 3),
        ("${count * count - 1}", 8), ("${12 / 4 * 2}", 6.0),
        // comparison
        ("${amount > 1000}", true), ("${amount < 1000}", false), ("${amount >= 1500}", true),
        ("${amount <= 1499}", false), ("${amount gt 1000}", true), ("${amount lt 1000}", false),
        ("${amount ge 1500}", true), ("${amount le 1500}", true), ("${1 < 1.5}", true), ("${2.0 == 2}", true),
        ("${'abc' < 'abd'}", true), ("${'b' > 'a'}", true), ("${numstr > 41}", true), ("${numstr == 42}", true),
        ("${42 == '42'}", true), ("${decstr == 1.5}", true), ("${nothing > 1}", false), ("${nothing < 1}", false),
        ("${name == 'Ada'}", true), ("${name eq 'Ada'}", true), ("${name != 'Bob'}", true),
        ("${name ne 'Ada'}", false), ("${nothing == null}", true), ("${null == null}", true),
        ("${name == null}", false), ("${nothing != null}", false), ("${approved == true}", true),
        ("${flag == true}", true), ("${word == true}", false), ("${items == items}", true),
        ("${customer.age == 36}", true), ("${status == 'open' ? 'yes' : 'no'}", "yes"),
        // logic and short-circuit
        ("${approved && amount > 1000}", true), ("${approved and rejected}", false), ("${rejected || approved}", true),
        ("${rejected or rejected}", false), ("${!approved}", false), ("${not rejected}", true),
        ("${!rejected && !false}", true), ("${false && undefinedName}", false), ("${true || undefinedName}", true),
        ("${rejected and undefinedName.foo}", false), ("${approved or 1 / 0 > 1}", true),
        ("${nothing && true}", false), ("${flag && true}", true), ("${true || false && false}", true),
        ("${(true || false) && false}", false), ("${not approved or approved}", true),
        // empty
        ("${empty nothing}", true), ("${empty blank}", true), ("${empty emptyList}", true),
        ("${empty emptyMap}", true), ("${empty name}", false), ("${empty items}", false), ("${!empty items}", true),
        ("${not empty name}", true), ("${empty 0}", false),
        // ternary
        ("${approved ? 'go' : 'stop'}", "go"), ("${rejected ? 'go' : 'stop'}", "stop"),
        ("${amount > 2000 ? 'big' : amount > 1000 ? 'medium' : 'small'}", "medium"),
        ("${true ? 1 : undefinedName}", 1), ("${false ? undefinedName : 2}", 2), ("${nothing ? 1 : 2}", 2),
        // methods
        ("${name.equals('Ada')}", true), ("${name.equals('ada')}", false), ("${name.equalsIgnoreCase('ADA')}", true),
        ("${name.equalsIgnoreCase(1)}", false), ("${name.contains('d')}", true), ("${name.contains('x')}", false),
        ("${items.contains(2)}", true), ("${items.contains(9)}", false), ("${names.contains('b')}", true),
        ("${name.startsWith('A')}", true), ("${name.endsWith('a')}", true), ("${name.endsWith('A')}", false),
        ("${name.isEmpty()}", false), ("${blank.isEmpty()}", true), ("${emptyList.isEmpty()}", true),
        ("${name.length()}", 3), ("${items.size()}", 3), ("${customer.size()}", 4), ("${name.toUpperCase()}", "ADA"),
        ("${shout.toLowerCase()}", "hello"), ("${padded.trim()}", "hi"), ("${padded.trim().length()}", 2),
        ("${'yes'.equals(word)}", true), ("${name.toLowerCase().startsWith('ad')}", true), ("${count.equals(3)}", true),
        // execution
        ("${execution.getVariable('amount')}", 1500), ("${execution.getVariable('unknownVar')}", nil),
        ("${execution.getVariable(key)}", "Ada"), ("${execution.hasVariable('amount')}", true),
        ("${execution.hasVariable('unknownVar')}", false), ("${execution.getVariable('amount') > 100}", true),
        // Spin
        ("${S(json).prop('age').numberValue()}", 19), ("${S(json).prop(\"age\").numberValue() < 21}", true),
        ("${S(json).prop('name').stringValue()}", "Bo"), ("${S(json).prop('vip').boolValue()}", true),
        ("${S(json).prop('score').numberValue()}", 7.5), ("${JSON(json).prop('tags').elements().size()}", 2),
        ("${S(json).prop('tags').elements()[1].stringValue()}", "y"), ("${S(customer).prop('age').value()}", 36),
        ("${S(customer).prop('address').prop('city').stringValue()}", "Paris"),
        ("${S(json).prop('nested').prop('k').stringValue()}", nil), ("${S(json).prop('tags').value()}", ["x", "y"]),
        ("${S('[1,2]').elements()[0].numberValue()}", 1),
    ]

    @Test(arguments: cases)
    func evaluates(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    static let templates: [(String, Value)] = [
        ("Dear ${name}, you owe ${amount}", "Dear Ada, you owe 1500"),
        ("${name}${count}", "Ada3"), ("#{name}", "Ada"), ("#{amount > 1}", true), ("x ${nothing} y", "x  y"),
        ("${price}!", "2.5!"), ("total: ${items}", "total: [1, 2, 3]"), ("cost \\${amount}", "cost ${amount}"),
        (" ${amount}", " 1500"), ("${approved} and ${rejected}", "true and false"),
        ("${customer.address}", ["city": "Paris"]), ("a ${'}'} b", "a } b"), ("${amount}", 1500),
        ("city=${customer.address}", "city={city=Paris}"), ("${count}/${count * 2}", "3/6"),
    ]

    @Test(arguments: templates)
    func evaluatesTemplates(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    static let scripts: [(String, Value)] = [
        ("amount > 1000 && approved", true), ("name.toUpperCase()", "ADA"), ("1 + 1", 2), ("'x'", "x"),
    ]

    @Test(arguments: scripts)
    func evaluatesScriptBodies(_ source: String, _ expected: Value) throws {
        let expression = try CompiledExpression.parse(source, as: .juel)
        #expect(expression.evaluate(in: TestContext()) == .success(expected))
    }
}
