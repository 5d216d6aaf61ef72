import Expressions
import Testing

@Suite struct FeelEvaluationTests {
    static let basics: [(String, Value)] = [
        // literals and names
        ("= 1", 1), ("=-3", -3), ("= 2.5", 2.5), ("= \"text\"", "text"), ("= \"a\\\"b\\n\"", "a\"b\n"),
        ("= \"\\u0041\"", "A"), ("= true", true), ("= false", false), ("= null", nil), ("  = amount", 1500),
        ("= undefinedName", nil), ("= nothing", nil), ("= customer.name", "Ada"), ("= customer.address.city", "Paris"),
        ("= customer.missing", nil), ("= undefinedName.field", nil), ("= count.field", nil),
        ("= `name`", "Ada"), ("= 1 // comment", 1), ("= /* c */ 2", 2),
        // arithmetic
        ("= 1 + 2", 3), ("= 7 - 10", -3), ("= 6 * 7", 42), ("= 7 / 2", 3.5), ("= 8 / 2", 4), ("= 2 ** 10", 1024),
        ("= 2 ** -1", 0.5), ("= 1 + 2 * 3", 7), ("= (1 + 2) * 3", 9), ("= 2 * 3 ** 2", 18), ("= -2 ** 2", 4),
        ("= 10 - 4 - 3", 3), ("= price * 2", 5.0), ("= amount + 0.5", 1500.5), ("= 1 / 0", nil),
        ("= nothing + 1", nil), ("= undefinedName * 2", nil), ("= \"a\" + \"b\"", "ab"), ("= name + \"!\"", "Ada!"),
        ("= \"a\" + 1", nil), ("= true + 1", nil), ("= -amount", -1500), ("= -name", nil),
        ("= big + 1", .decimal(Double(Int.max) + 1)), ("= 0.1 + 0.2 > 0.3", true),
        // comparison
        ("= amount > 1000", true), ("= amount < 1000", false), ("= amount >= 1500", true), ("= amount <= 1499", false),
        ("= amount = 1500", true), ("= amount != 1500", false), ("= 1 = 1.0", true), ("= name = \"Ada\"", true),
        ("= \"abc\" < \"abd\"", true), ("= nothing = null", true), ("= undefinedName = null", true),
        ("= name = null", false), ("= name != null", true), ("= 1 = \"1\"", nil), ("= 1 < \"2\"", nil),
        ("= nothing > 1", nil), ("= [1, 2] = [1, 2]", true), ("= [1, 2] = [2, 1]", false),
        ("= {a: 1} = {a: 1.0}", true), ("= {a: 1} = {a: 2}", false), ("= true = true", true),
        // logic, three-valued
        ("= approved and amount > 1000", true), ("= approved and rejected", false), ("= rejected or approved", true),
        ("= rejected or rejected", false), ("= true and null", nil), ("= false and null", false),
        ("= null and false", false), ("= true or null", true), ("= null or true", true), ("= false or null", nil),
        ("= false and undefinedName", false), ("= 1 and true", nil), ("= not(approved)", false),
        ("= not(rejected)", true), ("= not(null)", nil), ("= not(1)", nil), ("= true or false and false", true),
        // between and in
        ("= 5 between 1 and 10", true), ("= 11 between 1 and 10", false), ("= 1 between 1 and 10", true),
        ("= amount between 1000 and 2000 and approved", true), ("= \"b\" between \"a\" and \"c\"", true),
        ("= nothing between 1 and 2", nil), ("= 2 in (1, 2, 3)", true), ("= 4 in (1, 2, 3)", false),
        ("= 3 in [1..5]", true), ("= 5 in [1..5]", true), ("= 5 in [1..5)", false), ("= 1 in (1..5]", false),
        ("= 1 in ]1..5]", false), ("= 5 in [1..5[", false), ("= 12 in > 10", true), ("= 9 in > 10", false),
        ("= 10 in >= 10", true), ("= 3 in (< 2, > 4)", false), ("= 5 in (< 2, > 4)", true),
        ("= status in (\"open\", \"new\")", true), ("= status in [\"closed\"]", false), ("= 2 in [1, 2]", true),
        ("= 2 in not(1, 3)", true), ("= 1 in not(1, 3)", false), ("= 7 in -", true), ("= 3 in (2..4)", true),
        ("= 2 in items", true), ("= 4 in items", false),
        // if
        ("= if approved then \"go\" else \"stop\"", "go"), ("= if rejected then \"go\" else \"stop\"", "stop"),
        ("= if nothing then 1 else 2", 2),
        ("= if amount > 2000 then \"big\" else if amount > 1000 then \"mid\" else \"small\"", "mid"),
        ("= 1 + (if true then 1 else 2)", 2),
        // is defined
        ("= is defined(amount)", true), ("= is defined(nothing)", true), ("= is defined(undefinedName)", false),
        ("= is defined(customer.name)", true), ("= is defined(customer.nope)", false),
    ]

    @Test(arguments: basics)
    func evaluates(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    static let collections: [(String, Value)] = [
        // lists, indexes, filters
        ("= [1, 2, 3]", [1, 2, 3]), ("= []", []), ("= items[1]", 1), ("= items[3]", 3), ("= items[-1]", 3),
        ("= items[-3]", 1), ("= items[0]", nil), ("= items[4]", nil), ("= items[position]", 1),
        ("= items[item > 1]", [2, 3]), ("= items[item > 10]", []), ("= [1, 5, 12, 20][item > 10]", [12, 20]),
        ("= orders[total > 100].id", [2, 3]), ("= orders[total > 100 and id != 3][1].total", 150),
        ("= orders[item.total < 100]", [["id": 1, "total": 50]]), ("= orders.id", [1, 2, 3]),
        ("= orders[1].id", 1), ("= matrix[2][1]", 3), ("= 5[1]", 5), ("= nothing[1]", nil),
        ("= emptyList[1]", nil), ("= emptyList[item > 1]", []), ("= count(orders[total >= 150])", 2),
        ("= customer.tags[1]", "vip"), ("= names[item = \"b\"]", ["b"]),
        // contexts
        ("= {a: 1, \"b c\": 2}", ["a": 1, "b c": 2]), ("= {a: 1, b: a + 1}.b", 2), ("= {}", [:]),
        ("= {x: {y: \"deep\"}}.x.y", "deep"), ("= {if: 1}", ["if": 1]),
        // quantifiers and for
        ("= some x in items satisfies x > 2", true), ("= some x in items satisfies x > 3", false),
        ("= every x in items satisfies x > 0", true), ("= every x in items satisfies x > 1", false),
        ("= every x in [] satisfies x > 1", true), ("= some x in [] satisfies x > 1", false),
        ("= some o in orders satisfies o.total > 200", true),
        ("= every x in [1, 2], y in [3, 4] satisfies x < y", true),
        ("= for x in items return x * 2", [2, 4, 6]), ("= for x in [] return x", []),
        ("= for i in 1..3 return i * i", [1, 4, 9]), ("= for i in 3..1 return i", [3, 2, 1]),
        ("= for x in [1, 2], y in [10, 20] return x + y", [11, 21, 12, 22]),
        ("= for o in orders return o.id", [1, 2, 3]),
        ("= sum(for x in items return x)", 6), ("= for x in items return if x > 1 then x else 0", [0, 2, 3]),
    ]

    @Test(arguments: collections)
    func evaluatesCollections(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    static let functions: [(String, Value)] = [
        ("= count(items)", 3), ("= count([])", 0), ("= count(5)", nil), ("= sum(items)", 6), ("= sum([])", 0),
        ("= sum(1, 2, 3.5)", 6.5), ("= sum([1, \"a\"])", nil), ("= min(items)", 1), ("= max(items)", 3),
        ("= max(3, 9, 4)", 9), ("= min([\"b\", \"a\"])", "a"), ("= min([])", nil), ("= mean([1, 2, 3, 4])", 2.5),
        ("= mean(items)", 2), ("= product([2, 3, 4])", 24), ("= all([true, true])", true),
        ("= all([true, false])", false),
        ("= any([false, true])", true), ("= any([false, false])", false), ("= list contains(items, 2)", true),
        ("= list contains(items, 5)", false), ("= contains(name, \"d\")", true), ("= contains(name, \"x\")", false),
        ("= starts with(name, \"A\")", true), ("= ends with(name, \"a\")", true), ("= upper case(name)", "ADA"),
        ("= lower case(shout)", "hello"), ("= string length(name)", 3), ("= string length(\"héllo\")", 5),
        ("= substring(\"foobar\", 3)", "obar"), ("= substring(\"foobar\", 3, 3)", "oba"),
        ("= substring(\"foobar\", -2, 1)", "a"),
        ("= substring before(\"foobar\", \"bar\")", "foo"), ("= substring after(\"foobar\", \"ob\")", "ar"),
        ("= string join([\"a\", \"b\"], \"-\")", "a-b"), ("= string join(names)", "ab"), ("= string(1)", "1"),
        ("= string(2.5)", "2.5"), ("= string(true)", "true"), ("= string(null)", nil),
        ("= string([1, \"a\"])", "[1, \"a\"]"),
        ("= number(\"42\")", 42), ("= number(\"1.5\")", 1.5), ("= number(\"x\")", nil), ("= abs(-3)", 3),
        ("= abs(-2.5)", 2.5),
        ("= floor(2.7)", 2), ("= floor(-2.5)", -3), ("= ceiling(2.1)", 3), ("= decimal(2.345, 2)", 2.35),
        ("= decimal(2.5, 0)", 2), ("= modulo(10, 3)", 1), ("= modulo(-10, 3)", 2), ("= odd(3)", true),
        ("= even(3)", false),
        ("= sqrt(16)", 4.0), ("= append([1], 2, 3)", [1, 2, 3]), ("= concatenate([1], [2], [3])", [1, 2, 3]),
        ("= distinct values([1, 2, 1, 2.0])", [1, 2]), ("= flatten([[1, [2]], 3])", [1, 2, 3]),
        ("= index of([1, 2, 1], 1)", [1, 3]), ("= reverse(items)", [3, 2, 1]), ("= sort([3, 1, 2])", [1, 2, 3]),
        ("= sublist(items, 2)", [2, 3]), ("= sublist(items, 1, 2)", [1, 2]),
        ("= insert before(items, 1, 0)", [0, 1, 2, 3]),
        ("= remove(items, 2)", [1, 3]), ("= get value(customer, \"age\")", 36), ("= get value({a: 1}, \"b\")", nil),
        ("= get entries({a: 1})", [["key": "a", "value": 1]]), ("= context put({a: 1}, \"b\", 2)", ["a": 1, "b": 2]),
        ("= context merge([{a: 1}, {a: 2, b: 3}])", ["a": 2, "b": 3]), ("= upper case(5)", nil),
        ("= count(items) > 2 and contains(name, \"A\")", true),
    ]

    @Test(arguments: functions)
    func evaluatesFunctions(_ source: String, _ expected: Value) throws {
        #expect(try evaluate(source) == .success(expected))
    }

    static let scripts: [(String, Value)] = [("amount > 1000", true), ("\"a\" + \"b\"", "ab"), ("{a: 1}.a", 1)]

    @Test(arguments: scripts)
    func evaluatesScriptBodies(_ source: String, _ expected: Value) throws {
        #expect(try CompiledExpression.parse(source, as: .feel).evaluate(in: TestContext()) == .success(expected))
    }
}
