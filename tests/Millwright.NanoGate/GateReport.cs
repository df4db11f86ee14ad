namespace Millwright.NanoGate;

/// <summary>The outcome of gating one assembly.</summary>
public sealed class GateReport
{
    public GateReport(string assemblyName, IReadOnlyList<GateViolation> violations, int typesChecked, int methodsChecked)
    {
        AssemblyName = assemblyName;
        Violations = violations;
        TypesChecked = typesChecked;
        MethodsChecked = methodsChecked;
    }

    public string AssemblyName { get; }

    public IReadOnlyList<GateViolation> Violations { get; }

    public int TypesChecked { get; }

    public int MethodsChecked { get; }

    public bool Passed => Violations.Count == 0;

    public string SummaryLine => Passed
        ? $"nano gate: {AssemblyName}: OK ({TypesChecked} types, {MethodsChecked} methods checked)"
        : $"nano gate: {AssemblyName}: FAILED, {Violations.Count} violation(s) ({TypesChecked} types, {MethodsChecked} methods checked)";
}
