import CFuzzerDriver

/// The program's entry point. SwiftPM links executables with `main` renamed to `<module>_main`, so libFuzzer's own
/// `main` is never used: this one hands the command line to libFuzzer's driver with `LLVMFuzzerTestOneInput`.
@_cdecl("BPMNParserFuzzer_main")
public func fuzzerMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        fuzzOneInput(data, size)
    }
}
