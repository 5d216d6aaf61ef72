/// Read-only counters that let tests prove security properties of the XML reader.
public enum BPMNTestHooks {
    /// How many times libxml2 tried to load an external resource (DTD, entity) in this process; every attempt is
    /// refused, and with Baton's parser options none should even be made.
    public static var refusedExternalLoads: Int {
        LibXML2Runtime.refusedExternalLoads.load(ordering: .relaxed)
    }
}
